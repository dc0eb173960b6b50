import type { Coordinator } from '@/lib/cluster/types';
import type { DisplayKeyRecord, SessionRecord, SessionRepository } from '@/lib/storage/types';
import { StorageUnavailableError } from '@/lib/storage/errors';
import type { Accounts, PersonRole, SignedIn } from './accounts';
import type { DisplayKeyService } from './display-keys';
import { isLegacy, newSessionId, readClaims, signClaims, type SessionClaims } from './session';

// Sessions kept on the server, so they can be ended: signing out ends a session wherever its
// cookie was copied; a person's session also ends when idle too long, at its absolute lifetime, or
// when the account is removed, demoted or given a new password; a manager can end any session.
//
// Every request checks its session. The record is read from the database at most every few
// seconds per session and kept in between; ending a session here takes effect at once in this
// process. When the database cannot answer, the signed cookie's own claims are checked against the
// accounts as they are now (a removed account or a changed password still ends it), so people and
// wall displays keep working through an outage; an ending made elsewhere is seen once it is back.

const RECORD_KEPT_MS = 5_000;
/** A session's last-seen time is written at most this often: the idle limit is counted in minutes. */
const SEEN_EVERY_MS = 60_000;
const CACHE_LIMIT = 10_000;
const DAY_MS = 86_400_000;
const DISPLAY_COOKIE_SECONDS = 10 * 365 * 24 * 3600;

export interface ActiveSession {
  id: string;
  name: string;
  role: SessionRecord['role'];
  displayKeyId: string | null;
}

export type Resolution =
  | { kind: 'none' }
  /** The cookie names a display whose key was revoked: its page says so instead of asking to sign in. */
  | { kind: 'display_revoked' }
  | { kind: 'ok'; session: ActiveSession; display: DisplayKeyRecord | null; setCookie: { value: string; maxAgeSeconds: number } | null };

export interface SessionServiceOptions {
  repository: SessionRepository;
  accounts: Accounts;
  displayKeys: DisplayKeyService;
  secret: string;
  idleMs: number;
  maxMs: number;
  now?: () => number;
  monotonic?: () => number;
  /** Several instances: an ending here is announced, so no other instance keeps the session in its cache. */
  coordinator?: Pick<Coordinator, 'announceSessionEnded' | 'onSessionEnded'> | null;
  log: { info(message: string): void; warn(message: string): void };
}

export interface ClientFacts {
  address: string | null;
  userAgent: string | null;
}

export class SessionService {
  private readonly kept = new Map<string, { record: SessionRecord | null; atMono: number }>();
  private readonly reading = new Map<string, Promise<SessionRecord | null>>();
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private outageNoted = false;

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
    options.accounts.onChange = (names) => {
      for (const name of names) void this.endAccount(name);
    };
    options.coordinator?.onSessionEnded((id) => this.forgetEnded(id));
  }

  /** Another instance ended this session: stop trusting what this one kept of it. */
  private forgetEnded(id: string): void {
    const kept = this.kept.get(id);
    if (kept?.record) kept.record = { ...kept.record, revokedAtMs: kept.record.revokedAtMs ?? this.now() };
    else this.kept.delete(id);
  }

  /** A person signed in: a new session and its cookie. Rejects when the database cannot store it. */
  async startPerson(signedIn: SignedIn, client: ClientFacts): Promise<{ record: SessionRecord; cookie: string; maxAgeSeconds: number }> {
    const now = this.now();
    const record: SessionRecord = {
      id: newSessionId(),
      account: signedIn.name,
      role: signedIn.role,
      displayKeyId: null,
      credential: signedIn.credential,
      createdAtMs: now,
      seenAtMs: now,
      expiresAtMs: now + this.options.maxMs,
      revokedAtMs: null,
      address: client.address,
      userAgent: shortUserAgent(client.userAgent),
    };
    await this.options.repository.create(record);
    this.keep(record);
    return { record, cookie: this.cookieOf(record), maxAgeSeconds: Math.ceil(this.options.maxMs / 1000) };
  }

  /** A wall display paired with its key: a session that ends only when the key is revoked. */
  async startDisplay(key: DisplayKeyRecord, client: ClientFacts): Promise<{ record: SessionRecord; cookie: string; maxAgeSeconds: number }> {
    const now = this.now();
    const record: SessionRecord = {
      id: newSessionId(),
      account: key.label,
      role: 'display',
      displayKeyId: key.id,
      credential: key.id,
      createdAtMs: now,
      seenAtMs: now,
      expiresAtMs: null,
      revokedAtMs: null,
      address: client.address,
      userAgent: shortUserAgent(client.userAgent),
    };
    await this.options.repository.create(record);
    this.keep(record);
    return { record, cookie: this.cookieOf(record), maxAgeSeconds: DISPLAY_COOKIE_SECONDS };
  }

  /** Who a session cookie belongs to, if its session is still open. Never rejects on a database fault. */
  async resolve(cookie: string | undefined, client: ClientFacts): Promise<Resolution> {
    const claims = readClaims(cookie, this.options.secret);
    if (!claims) return { kind: 'none' };
    if (isLegacy(claims)) return this.resolveLegacyDisplay(claims, client);

    const now = this.now();
    const { record, known } = await this.record(claims.id);
    if (known && !record) return { kind: 'none' };
    // Without the database, the cookie's own signed claims stand in for the record.
    const session = record ?? this.recordFromClaims(claims);
    if (session.revokedAtMs !== null) return session.role === 'display' ? { kind: 'display_revoked' } : { kind: 'none' };
    if (session.expiresAtMs !== null && now >= session.expiresAtMs) return { kind: 'none' };

    if (session.role === 'display') {
      const key = await this.options.displayKeys.current(session.displayKeyId ?? '');
      if (key.known && (!key.record || key.record.revokedAtMs !== null)) {
        if (record) void this.end(session.id);
        return { kind: 'display_revoked' };
      }
      this.noteSeen(session, now);
      if (key.record) this.options.displayKeys.seen(key.record);
      return { kind: 'ok', session: activeOf(session), display: key.record, setCookie: null };
    }

    if (record && now - session.seenAtMs > this.options.idleMs) return { kind: 'none' };
    const current = this.options.accounts.credentialOf(session.account, session.role as PersonRole);
    if (current === null || current !== session.credential) {
      if (record) void this.end(session.id);
      return { kind: 'none' };
    }
    this.noteSeen(session, now);
    return { kind: 'ok', session: activeOf(session), display: null, setCookie: null };
  }

  /** Ends one session (signing out, or a manager's choice). False when it was not open. */
  async end(id: string): Promise<boolean> {
    const now = this.now();
    const kept = this.kept.get(id);
    if (kept?.record) kept.record = { ...kept.record, revokedAtMs: kept.record.revokedAtMs ?? now };
    else this.kept.set(id, { record: null, atMono: this.monotonic() });
    const ended = await this.options.repository.revoke(id, now);
    void this.options.coordinator?.announceSessionEnded(id).catch(() => undefined);
    return ended;
  }

  /** Ends every open session of an account; never rejects (a database fault is logged). */
  async endAccount(name: string): Promise<number> {
    for (const entry of this.kept.values()) {
      if (entry.record && entry.record.account.toLowerCase() === name.toLowerCase() && entry.record.role !== 'display') {
        entry.record = { ...entry.record, revokedAtMs: entry.record.revokedAtMs ?? this.now() };
      }
    }
    try {
      return await this.options.repository.revokeAccount(name, this.now());
    } catch (error) {
      this.options.log.warn(`the sessions of ${name} could not be ended in the database (${describe(error)}); they end as they are next used`);
      return 0;
    }
  }

  listOpen(): Promise<SessionRecord[]> {
    return this.options.repository.listOpen(this.now());
  }

  get(id: string): Promise<SessionRecord | null> {
    return this.options.repository.get(id);
  }

  /** The session id in a cookie (signed), for marking "this browser" in the list. */
  idOf(cookie: string | undefined): string | null {
    const claims = readClaims(cookie, this.options.secret);
    return claims && !isLegacy(claims) ? claims.id : null;
  }

  /** Forgets sessions that ended more than 30 days ago. */
  prune(): Promise<number> {
    return this.options.repository.prune(this.now() - 30 * DAY_MS);
  }

  private cookieOf(record: SessionRecord): string {
    const claims: SessionClaims = {
      id: record.id,
      name: record.account,
      role: record.role,
      displayKeyId: record.displayKeyId,
      credential: record.credential,
      issuedAtMs: record.createdAtMs,
    };
    return signClaims(claims, this.options.secret);
  }

  private recordFromClaims(claims: SessionClaims): SessionRecord {
    return {
      id: claims.id,
      account: claims.name,
      role: claims.role,
      displayKeyId: claims.displayKeyId,
      credential: claims.credential,
      createdAtMs: claims.issuedAtMs,
      seenAtMs: this.now(),
      expiresAtMs: claims.role === 'display' ? null : claims.issuedAtMs + this.options.maxMs,
      revokedAtMs: null,
      address: null,
      userAgent: null,
    };
  }

  /** A display paired before sessions were stored: checked against its key, then given a session of its own. */
  private async resolveLegacyDisplay(claims: { name: string; displayKeyId: string }, client: ClientFacts): Promise<Resolution> {
    const key = await this.options.displayKeys.current(claims.displayKeyId);
    if (key.known && (!key.record || key.record.revokedAtMs !== null)) return { kind: 'display_revoked' };
    const session: ActiveSession = { id: '', name: key.record?.label ?? claims.name, role: 'display', displayKeyId: claims.displayKeyId };
    if (!key.record) return { kind: 'ok', session, display: null, setCookie: null };
    this.options.displayKeys.seen(key.record);
    try {
      const started = await this.startDisplay(key.record, client);
      return { kind: 'ok', session: activeOf(started.record), display: key.record, setCookie: { value: started.cookie, maxAgeSeconds: started.maxAgeSeconds } };
    } catch {
      return { kind: 'ok', session, display: key.record, setCookie: null };
    }
  }

  /** The stored record, read at most every few seconds; `known: false` when the database cannot answer. */
  private async record(id: string): Promise<{ record: SessionRecord | null; known: boolean }> {
    const kept = this.kept.get(id);
    if (kept && this.monotonic() - kept.atMono < RECORD_KEPT_MS) return { record: kept.record, known: true };
    try {
      let read = this.reading.get(id);
      if (!read) {
        read = this.options.repository.get(id).finally(() => this.reading.delete(id));
        this.reading.set(id, read);
      }
      const record = await read;
      // An ending this process made is kept even if the database had not caught up.
      const revokedHere = kept?.record?.revokedAtMs ?? null;
      const merged = record && revokedHere !== null && record.revokedAtMs === null ? { ...record, revokedAtMs: revokedHere } : record;
      this.kept.set(id, { record: merged, atMono: this.monotonic() });
      if (this.kept.size > CACHE_LIMIT) this.kept.delete(this.kept.keys().next().value!);
      if (this.outageNoted) {
        this.outageNoted = false;
        this.options.log.info('sessions: checked against the database again');
      }
      return { record: merged, known: true };
    } catch (error) {
      if (!StorageUnavailableError.is(error)) throw error;
      if (!this.outageNoted) {
        this.outageNoted = true;
        this.options.log.warn(`sessions: the database cannot answer (${error.reason}); signed-in browsers are checked by their signed cookie until it is back`);
      }
      return kept ? { record: kept.record, known: true } : { record: null, known: false };
    }
  }

  private keep(record: SessionRecord): void {
    this.kept.set(record.id, { record, atMono: this.monotonic() });
  }

  /** Bookkeeping: the last-seen time, at most once a minute; a failure to write it fails nothing. */
  private noteSeen(session: SessionRecord, now: number): void {
    if (now - session.seenAtMs < SEEN_EVERY_MS) return;
    session.seenAtMs = now;
    const kept = this.kept.get(session.id);
    if (kept?.record) kept.record.seenAtMs = now;
    this.options.repository.touch(session.id, now).catch(() => {
      // Logged by the record reads when the database is out; the next minute tries again.
    });
  }
}

function activeOf(record: SessionRecord): ActiveSession {
  return { id: record.id, name: record.account, role: record.role, displayKeyId: record.displayKeyId };
}

/** The browser's family and platform ("Chrome · Linux"), for the sessions list; not a fingerprint. */
export function shortUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\//.test(userAgent)
      ? 'Opera'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\/|Chromium\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : null;
  const platform = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /CrOS/.test(userAgent)
            ? 'ChromeOS'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null;
  if (!browser && !platform) return userAgent.slice(0, 40);
  return [browser, platform].filter(Boolean).join(' · ');
}

function describe(error: unknown): string {
  return StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
}
