import type { AuditAction, AuditEntry, AuditRepository } from '@/lib/storage/types';
import { StorageUnavailableError } from '@/lib/storage/errors';

// The audit log: who did what, when, from where. Writing it never fails the request that caused it
// (a locked or unreachable database is logged once, not shown to the supervisor), and events anyone
// can cause without signing in are folded: a burst of refused display keys from one address is one
// entry with a count and a time span, not a row per request.

/** Anonymous events within this window fold into one entry. */
const FOLD_WINDOW_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Events that need no sign-in to cause: each could otherwise be sent a million times. */
const FOLDED: ReadonlySet<AuditAction> = new Set(['sign_in_failed', 'sign_in_limited', 'display_refused']);

export interface AuditWho {
  name: string | null;
  role: string | null;
}

export interface AuditServiceOptions {
  repository: AuditRepository;
  retentionDays: number;
  now?: () => number;
  log: { warn(message: string): void };
}

export class AuditService {
  private readonly now: () => number;
  private failing = false;

  constructor(private readonly options: AuditServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Records an event; never throws. Resolves once it is written, or has failed and been logged. */
  async record(action: AuditAction, who: AuditWho, detail: string | null, address: string | null): Promise<void> {
    const atMs = this.now();
    const entry = { atMs, actor: who.name, role: who.role, action, detail, address };
    try {
      if (FOLDED.has(action)) await this.options.repository.appendFolded(entry, atMs - FOLD_WINDOW_MS);
      else await this.options.repository.append(entry);
      if (this.failing) {
        this.failing = false;
        this.options.log.warn('audit log: written again');
      }
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        const reason = StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
        this.options.log.warn(`audit log: an entry could not be written (${reason}); carrying on without it`);
      }
    }
  }

  /** Newest first. A database failure is the caller's to report (a 503). */
  list(limit: number): Promise<AuditEntry[]> {
    return this.options.repository.list({ limit });
  }

  /** Forgets entries past the retention; returns how many. */
  prune(): Promise<number> {
    return this.options.repository.prune(this.now() - this.options.retentionDays * DAY_MS);
  }
}
