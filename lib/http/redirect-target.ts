// Where to send someone next when a link names the place (`/login?next=…`, a display's `next`).
// A redirect built from such a value must stay on our own site: the value is resolved the way a
// browser would resolve it, and kept only when the result is on our origin. Pure, no React: the
// sign-in page (server), its form (browser) and the API's query parsing share it.

/**
 * Stands in for our origin where it is not known (on the server a request's Host is the client's
 * word, so it is not asked). Only the path of a target is ever returned, so any origin will do:
 * what matters is whether a value *leaves* the origin it is resolved against.
 */
const PLACEHOLDER_ORIGIN = 'http://chatload.invalid';

/** Longer than any link of ours; a longer value is someone's experiment. */
const MAX_TARGET_LENGTH = 2048;

export interface RedirectTargetOptions {
  /** Where to go when the value is missing or not acceptable. Must itself be a path of ours. */
  fallback: string;
  /** Our origin (`window.location.origin` in a browser); default a placeholder. */
  origin?: string;
  /** A further rule on the resolved URL, e.g. "only the wall display". */
  allow?: (url: URL) => boolean;
}

/**
 * The value as a path of our own site (path, query and hash), or `fallback`. Refused: anything that
 * resolves to another origin (`//host`, `/\host`, `\\host`, `https:…`, `javascript:…`, with tabs,
 * newlines or spaces that browsers drop in between), and any path that would change its meaning
 * when read again (`/.//host` resolves to the path `//host`, which a browser reads as a host).
 */
export function redirectTarget(value: string | null | undefined, options: RedirectTargetOptions): string {
  const origin = options.origin ?? PLACEHOLDER_ORIGIN;
  const accepted = typeof value === 'string' ? resolveOwn(value, origin, options.allow) : null;
  return accepted ?? options.fallback;
}

function resolveOwn(value: string, origin: string, allow: RedirectTargetOptions['allow']): string | null {
  if (value.length === 0 || value.length > MAX_TARGET_LENGTH) return null;
  // What a browser's URL parser does before anything else: C0 controls and spaces at either end
  // go, and tabs and newlines go wherever they are. `/\t/evil.example` is `//evil.example` to it.
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  // Only a path of ours: no scheme, no host, however it is spelled. A backslash is a slash to the
  // URL parser of http(s), so `/\` and `\\` are hosts too.
  if (!cleaned.startsWith('/') || cleaned.startsWith('//') || cleaned.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(cleaned, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (allow && !allow(url)) return null;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // Read back, the target must name the same place: dot segments and percent-encoding can turn a
  // harmless value into `//host` only after parsing, which the checks above cannot see.
  if (target.startsWith('//') || target.startsWith('/\\')) return null;
  let again: URL;
  try {
    again = new URL(target, origin);
  } catch {
    return null;
  }
  return again.href === url.href ? target : null;
}
