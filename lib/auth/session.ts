import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './roles';

// The session cookie: the id of a session kept on the server, with what it was signed in as, signed
// with HMAC-SHA256 so it cannot be forged or edited. The server's record decides whether it is still
// open (signed out, idle, past its lifetime, the account changed); the claims in the cookie let a
// signed-in browser keep working while the database is unreachable (see lib/auth/sessions.ts).
//
// "2.<payload>.<mac>". Cookies from before sessions were kept on the server ("<payload>.<mac>", no
// id) are read only for wall displays, so a TV on the wall is not signed out by an upgrade.

export const SESSION_COOKIE = 'chatload_session';
const VERSION = '2';
const MAX_COOKIE_LENGTH = 2048;

export interface SessionClaims {
  /** The server-side session's id. */
  id: string;
  name: string;
  role: Role;
  displayKeyId: string | null;
  /** The account's credential fingerprint at sign-in (a display's: its key id). */
  credential: string;
  issuedAtMs: number;
}

/** A wall display's cookie from before sessions were kept on the server. */
export interface LegacyDisplayClaims {
  legacy: true;
  name: string;
  displayKeyId: string;
  issuedAtMs: number;
}

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function verified(payload: string, signature: string, secret: string): boolean {
  const given = Buffer.from(signature, 'base64url');
  const expected = Buffer.from(mac(payload, secret), 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signClaims(claims: SessionClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ d: claims.id, n: claims.name, r: claims.role, k: claims.displayKeyId, c: claims.credential, i: claims.issuedAtMs }),
  ).toString('base64url');
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${mac(signed, secret)}`;
}

/** The claims of a cookie value, or null when it is forged, malformed or not ours. */
export function readClaims(value: string | undefined, secret: string): SessionClaims | LegacyDisplayClaims | null {
  if (!value || value.length > MAX_COOKIE_LENGTH) return null;
  const parts = value.split('.');
  if (parts.length === 3 && parts[0] === VERSION) {
    const [, payload, signature] = parts as [string, string, string];
    if (!verified(`${VERSION}.${payload}`, signature, secret)) return null;
    const fields = parse(payload);
    if (
      !fields ||
      typeof fields.d !== 'string' ||
      typeof fields.n !== 'string' ||
      !isRole(fields.r) ||
      typeof fields.c !== 'string' ||
      typeof fields.i !== 'number'
    ) {
      return null;
    }
    const displayKeyId = typeof fields.k === 'string' ? fields.k : null;
    if ((fields.r === 'display') !== (displayKeyId !== null)) return null;
    return { id: fields.d, name: fields.n, role: fields.r, displayKeyId, credential: fields.c, issuedAtMs: fields.i };
  }
  if (parts.length === 2) {
    const [payload, signature] = parts as [string, string];
    if (!payload || !verified(payload, signature, secret)) return null;
    const fields = parse(payload);
    if (!fields || fields.r !== 'display' || typeof fields.k !== 'string' || typeof fields.n !== 'string' || typeof fields.i !== 'number') return null;
    return { legacy: true, name: fields.n, displayKeyId: fields.k, issuedAtMs: fields.i };
  }
  return null;
}

export function isLegacy(claims: SessionClaims | LegacyDisplayClaims): claims is LegacyDisplayClaims {
  return 'legacy' in claims;
}

function parse(payload: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; a display's cookie lasts ten years, a person's as long as the session's lifetime. */
  maxAgeSeconds: number;
}

export function sessionCookie(value: string, options: CookieOptions): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { secure, maxAgeSeconds: 0 });
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** For tests and the legacy path: a v1 display cookie value as chatload wrote it before. */
export function signLegacyDisplay(claims: Omit<LegacyDisplayClaims, 'legacy'>, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ n: claims.name, r: 'display', k: claims.displayKeyId, i: claims.issuedAtMs, s: claims.issuedAtMs }),
  ).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

export type { Role };
