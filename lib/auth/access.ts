import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AuthConfig } from '@/lib/config';
import { ApiError } from '@/lib/api/errors';
import type { AuditAction, Storage } from '@/lib/storage/types';
import { Accounts } from './accounts';
import { FailureLimiter } from './rate-limit';
import { allows, type Permission, type Role } from './roles';
import { SESSION_COOKIE, clearedSessionCookie, cookieValue, readSession, renewed, sessionCookie, signSession, type Session } from './session';

// The one place that decides who is asking and whether they may: every route handler and page goes
// through `authorize` (or `actorOf` for pages), with the permission it needs.

export interface Actor {
  name: string;
  role: Role;
  displayKeyId: string | null;
}

/** With sign-in off, everyone may do everything. */
export const OPEN_ACTOR: Actor = { name: 'anyone', role: 'manager', displayKeyId: null };

/** Set by scripts/serve.mjs from the socket (or, with TRUST_PROXY=1, the proxy's X-Forwarded-For). */
export const ADDRESS_HEADER = 'x-chatload-client-address';
const DISPLAY_COOKIE_SECONDS = 10 * 365 * 24 * 3600;
const SEEN_EVERY_MS = 60_000;

export class Auth {
  readonly accounts: Accounts;
  /** Five failed sign-ins per address in 15 minutes; and, against forged addresses, 50 in all. */
  readonly perAddress = new FailureLimiter(5, 15 * 60_000);
  readonly overall = new FailureLimiter(50, 15 * 60_000);

  constructor(
    readonly config: AuthConfig,
    readonly secret: string,
    private readonly storage: Storage,
    readonly now: () => number = Date.now,
  ) {
    this.accounts = new Accounts(config);
  }

  /** The session secret: SESSION_SECRET, else one made at first start and kept beside the database. */
  static secretFor(config: AuthConfig, dataDir: string): string {
    if (config.sessionSecret) return config.sessionSecret;
    const file = path.join(dataDir, 'session-secret');
    try {
      const existing = readFileSync(file, 'utf8').trim();
      if (existing.length >= 32) return existing;
    } catch {
      // first start
    }
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }

  /** Who is asking, from the session cookie; null when nobody (or a revoked display) is signed in. */
  actorOf(headers: Headers): { actor: Actor | null; revoked: boolean; renewCookie: string | null } {
    if (this.config.disabled) return { actor: OPEN_ACTOR, revoked: false, renewCookie: null };
    const session = readSession(cookieValue(headers.get('cookie'), SESSION_COOKIE), this.secret, this.now(), this.config.sessionIdleMs);
    if (!session) return { actor: null, revoked: false, renewCookie: null };
    if (session.role === 'display') {
      const key = this.storage.getDisplayKey(session.displayKeyId!);
      if (!key || key.revokedAtMs !== null) return { actor: null, revoked: true, renewCookie: null };
      if (key.lastSeenMs === null || this.now() - key.lastSeenMs > SEEN_EVERY_MS) this.storage.touchDisplayKey(key.id, this.now());
      return { actor: { name: key.label, role: 'display', displayKeyId: key.id }, revoked: false, renewCookie: null };
    }
    const next = renewed(session, this.now());
    return {
      actor: { name: session.name, role: session.role, displayKeyId: null },
      revoked: false,
      renewCookie: next ? this.cookieFor(next, headers) : null,
    };
  }

  /** The actor of a request that needs `permission`; a 401 or 403 otherwise. */
  authorize(request: Request, permission: Permission): { actor: Actor; setCookie: string | null } {
    const { actor, revoked, renewCookie } = this.actorOf(request.headers);
    if (revoked) throw ApiError.unauthorized('This display key was revoked: ask a manager for a new one.', 'display_revoked');
    if (!actor) throw ApiError.unauthorized('Sign in to use chatload.');
    if (!allows(actor.role, permission)) {
      throw ApiError.forbidden(`A ${actor.role} may not do this: it needs the ${permission === 'manage' ? 'manager' : 'viewer'} role.`);
    }
    return { actor, setCookie: renewCookie };
  }

  /** The Set-Cookie of a session, Secure when this request came over HTTPS. */
  cookieFor(session: Session, headers: Headers): string {
    const maxAgeSeconds = session.role === 'display' ? DISPLAY_COOKIE_SECONDS : Math.ceil(this.config.sessionIdleMs / 1000);
    return sessionCookie(signSession(session, this.secret), { secure: secureRequest(headers, this.config.trustProxy), maxAgeSeconds });
  }

  /** The Set-Cookie that signs out. */
  clearedCookie(headers: Headers): string {
    return clearedSessionCookie(secureRequest(headers, this.config.trustProxy));
  }

  audit(action: AuditAction, who: { name: string | null; role: string | null }, detail: string | null, headers: Headers): void {
    this.storage.appendAudit({ atMs: this.now(), actor: who.name, role: who.role, action, detail, address: clientAddress(headers) });
  }
}

export function clientAddress(headers: Headers): string | null {
  return headers.get(ADDRESS_HEADER) || null;
}

/** Whether the browser reached us over HTTPS (directly, or through a trusted proxy). */
export function secureRequest(headers: Headers, trustProxy: boolean): boolean {
  // chatload itself speaks plain HTTP; HTTPS ends at a reverse proxy, which says so.
  return trustProxy && headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * Refuses a state-changing request sent from another site (CSRF): browsers name the page's origin
 * in Origin, or say "cross-site" in Sec-Fetch-Site. Tools like curl send neither and are let through:
 * they carry no one else's cookie.
 */
export function checkSameOrigin(request: Request, trustProxy: boolean): void {
  const origin = request.headers.get('origin');
  const host = (trustProxy ? request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null) ?? request.headers.get('host');
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost !== host) throw ApiError.forbidden('This request came from another site and was refused.', 'cross_origin');
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw ApiError.forbidden('This request came from another site and was refused.', 'cross_origin');
  }
}
