import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './roles';

// The session cookie: who signed in, as what, and when they were last seen, signed with HMAC-SHA256
// so it cannot be forged or edited. People's sessions end after an idle period (sliding: each
// request may renew the cookie); a wall display's never ends, but its key can be revoked.

export const SESSION_COOKIE = 'chatload_session';
/** A cookie is renewed when it was last renewed longer ago than this: not on every request. */
const RENEW_AFTER_MS = 60_000;

export interface Session {
  /** Account name ("manager", "viewer", a named account) or, for a display, its key's label. */
  name: string;
  role: Role;
  /** The display key a display session was made from; checked against revocation on every request. */
  displayKeyId: string | null;
  issuedAtMs: number;
  seenAtMs: number;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(session: Session, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ n: session.name, r: session.role, k: session.displayKeyId, i: session.issuedAtMs, s: session.seenAtMs }),
  ).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The session in a cookie value, or null when it is forged, malformed or idle too long. */
export function readSession(value: string | undefined, secret: string, nowMs: number, idleMs: number): Session | null {
  if (!value || value.length > 2048) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(payload, secret), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const fields = raw as { n?: unknown; r?: unknown; k?: unknown; i?: unknown; s?: unknown };
  if (typeof fields.n !== 'string' || !isRole(fields.r) || typeof fields.i !== 'number' || typeof fields.s !== 'number') return null;
  const session: Session = {
    name: fields.n,
    role: fields.r,
    displayKeyId: typeof fields.k === 'string' ? fields.k : null,
    issuedAtMs: fields.i,
    seenAtMs: fields.s,
  };
  if (session.role === 'display') return session.displayKeyId ? session : null;
  if (nowMs - session.seenAtMs > idleMs || session.seenAtMs > nowMs + 60_000) return null;
  return session;
}

/** The same session seen now, when its cookie is due for renewal; else null. */
export function renewed(session: Session, nowMs: number): Session | null {
  if (session.role === 'display' || nowMs - session.seenAtMs < RENEW_AFTER_MS) return null;
  return { ...session, seenAtMs: nowMs };
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; a display's cookie lasts ten years, a person's as long as the idle period. */
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
