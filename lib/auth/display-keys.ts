import { createHash, randomBytes } from 'node:crypto';
import type { DisplayKeyRecord, DisplayKeyRepository } from '@/lib/storage/types';
import { StorageUnavailableError } from '@/lib/storage/errors';

// Display keys: a manager makes one per TV. The key is shown once; only its SHA-256 is kept (a key
// has 256 random bits, so a fast hash is enough). A TV trades the key for a display session.
//
// Every request of a display checks its key is not revoked. The answer is kept for a few seconds,
// and when the database cannot answer the last one known stands: a wall display must not go dark
// because a backup holds the database file. The last-seen time is bookkeeping: written at most
// once a minute, and a failure to write it never fails the display's request.

const CHECK_KEPT_MS = 5_000;
const SEEN_EVERY_MS = 60_000;

export function hashDisplayKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether a key may be used from `address`: not revoked, and the address allowed if a list is set. */
export function keyUsableFrom(record: DisplayKeyRecord, address: string | null): 'ok' | 'revoked' | 'address' {
  if (record.revokedAtMs !== null) return 'revoked';
  if (record.ipAllowlist.length > 0 && (address === null || !record.ipAllowlist.includes(address))) return 'address';
  return 'ok';
}

export interface DisplayKeyServiceOptions {
  repository: DisplayKeyRepository;
  now?: () => number;
  monotonic?: () => number;
  log: { warn(message: string): void };
}

export class DisplayKeyService {
  private readonly checked = new Map<string, { record: DisplayKeyRecord | null; atMono: number }>();
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private warnedSeen = false;

  constructor(private readonly options: DisplayKeyServiceOptions) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
  }

  async create(input: { label: string; ipAllowlist: string[]; createdBy: string | null }): Promise<{ record: DisplayKeyRecord; key: string }> {
    const key = randomBytes(32).toString('base64url');
    const record: DisplayKeyRecord = {
      id: randomBytes(9).toString('base64url'),
      label: input.label,
      keyHash: hashDisplayKey(key),
      ipAllowlist: input.ipAllowlist,
      createdAtMs: this.now(),
      createdBy: input.createdBy,
      revokedAtMs: null,
      lastSeenMs: null,
    };
    await this.options.repository.save(record);
    return { record, key };
  }

  list(): Promise<DisplayKeyRecord[]> {
    return this.options.repository.list();
  }

  /** The key a TV presents, or null when there is no such key. */
  findByKey(key: string): Promise<DisplayKeyRecord | null> {
    return this.options.repository.findByHash(hashDisplayKey(key));
  }

  /** Revokes a key; the revoked record, or null when there was no active key with this id. */
  async revoke(id: string): Promise<DisplayKeyRecord | null> {
    const record = await this.options.repository.get(id);
    if (!record || !(await this.options.repository.revoke(id, this.now()))) return null;
    const revoked = { ...record, revokedAtMs: this.now() };
    this.checked.set(id, { record: revoked, atMono: this.monotonic() });
    return revoked;
  }

  /**
   * The key behind a display session, as recently known: the database's answer at most a few
   * seconds old, or when it cannot answer, the last answer this process had (null if none).
   */
  async current(id: string): Promise<{ record: DisplayKeyRecord | null; known: boolean }> {
    const kept = this.checked.get(id);
    if (kept && this.monotonic() - kept.atMono < CHECK_KEPT_MS) return { record: kept.record, known: true };
    try {
      const record = await this.options.repository.get(id);
      this.checked.set(id, { record, atMono: this.monotonic() });
      if (this.checked.size > 10_000) this.checked.delete(this.checked.keys().next().value!);
      return { record, known: true };
    } catch (error) {
      if (!StorageUnavailableError.is(error)) throw error;
      return kept ? { record: kept.record, known: true } : { record: null, known: false };
    }
  }

  /** Notes that a display was seen now: at most once a minute, never failing the caller. */
  seen(record: DisplayKeyRecord): void {
    const now = this.now();
    if (record.lastSeenMs !== null && now - record.lastSeenMs < SEEN_EVERY_MS) return;
    record.lastSeenMs = now;
    this.options.repository.touch(record.id, now).then(
      () => {
        this.warnedSeen = false;
      },
      (error: unknown) => {
        if (this.warnedSeen) return;
        this.warnedSeen = true;
        const reason = StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
        this.options.log.warn(`a display's last-seen time was not written (${reason}); the display carries on`);
      },
    );
  }
}
