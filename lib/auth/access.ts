import type { AuthConfig } from '@/lib/config';
import { ApiError } from '@/lib/api/errors';
import { clientAddress as addressVouchedByFront } from './client-address';
import { allows, type Permission, type Role } from './roles';
import { SESSION_COOKIE, clearedSessionCookie, cookieValue, sessionCookie } from './session';
import type { SessionService } from './sessions';

// The one place that decides who is asking and whether they may: every route handler and page goes
// through `authorize` (or `actorOf` for pages), with the permission it needs.

export interface Actor {
  name: string;
  role: Role;
  displayKeyId: string | null;
  /** The server-side session behind this request; null with sign-in off. */
  sessionId: string | null;
}

/** With sign-in off, everyone may do everything. */
export const OPEN_ACTOR: Actor = { name: 'anyone', role: 'manager', displayKeyId: null, sessionId: null };

/** Set by scripts/serve.mjs from the socket (or, with TRUST_PROXY=1, the proxy's X-Forwarded-For). */
export const ADDRESS_HEADER = 'x-chatload-client-address';

export interface ActorLookup {
  actor: Actor | null;
  /** The cookie named a display whose key was revoked. */
  revoked: boolean;
  /** A cookie to set on the way out (a display paired before sessions were stored gets one of its own). */
  setCookie: string | null;
}

export class AccessControl {
  constructor(
    readonly config: AuthConfig,
    private readonly sessions: SessionService,
  ) {}

  /** Who is asking, from the session cookie; null when nobody (or a revoked display) is signed in. */
  async actorOf(headers: Headers): Promise<ActorLookup> {
    if (this.config.disabled) return { actor: OPEN_ACTOR, revoked: false, setCookie: null };
    const resolution = await this.sessions.resolve(cookieValue(headers.get('cookie'), SESSION_COOKIE), {
      address: clientAddress(headers),
      userAgent: headers.get('user-agent'),
    });
    if (resolution.kind === 'none') return { actor: null, revoked: false, setCookie: null };
    if (resolution.kind === 'display_revoked') return { actor: null, revoked: true, setCookie: null };
    const { session, setCookie } = resolution;
    return {
      actor: { name: session.name, role: session.role, displayKeyId: session.displayKeyId, sessionId: session.id || null },
      revoked: false,
      setCookie: setCookie ? this.cookieFor(setCookie.value, setCookie.maxAgeSeconds, headers) : null,
    };
  }

  /** The actor of a request that needs `permission`; a 401 or 403 otherwise. */
  async authorize(request: Request, permission: Permission): Promise<{ actor: Actor; setCookie: string | null }> {
    const { actor, revoked, setCookie } = await this.actorOf(request.headers);
    if (revoked) throw ApiError.unauthorized('This display key was revoked: ask a manager for a new one.', 'display_revoked');
    if (!actor) throw ApiError.unauthorized('Sign in to use chatload.');
    if (!allows(actor.role, permission)) {
      throw ApiError.forbidden(`A ${actor.role} may not do this: it needs the ${permission === 'manage' ? 'manager' : 'viewer'} role.`);
    }
    return { actor, setCookie };
  }

  /** The Set-Cookie of a session cookie value, Secure when this request came over HTTPS. */
  cookieFor(value: string, maxAgeSeconds: number, headers: Headers): string {
    return sessionCookie(value, { secure: secureRequest(headers, this.config.trustProxy), maxAgeSeconds });
  }

  /** The Set-Cookie that signs out. */
  clearedCookie(headers: Headers): string {
    return clearedSessionCookie(secureRequest(headers, this.config.trustProxy));
  }

  /** The session cookie's value in a request. */
  static cookieIn(headers: Headers): string | undefined {
    return cookieValue(headers.get('cookie'), SESSION_COOKIE);
  }
}

export function clientAddress(headers: Headers): string | null {
  return addressVouchedByFront(headers);
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
