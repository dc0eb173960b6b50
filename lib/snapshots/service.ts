import type { LoadFilters } from '@/lib/load/aggregate';
import type { DataView } from '@/lib/load/store';
import { isSnapshotId, newSnapshotId } from '@/lib/storage/ids';
import type { SnapshotRepository, SnapshotSummary } from '@/lib/storage/types';
import { freeze, thaw, type SnapshotMeta, type ThawedSnapshot } from './model';

// Saving, listing, opening and deleting snapshots. Opening parses a stored document of every chat;
// the few most recently opened are kept parsed, since a shared link is opened by many at once.

const PARSED_KEPT = 8;
const DAY_MS = 86_400_000;

export interface SnapshotServiceOptions {
  repository: SnapshotRepository;
  demo: boolean;
  timezone: string;
  /** Snapshots older than this many days are deleted by `prune`; null keeps them. */
  retentionDays: number | null;
  now?: () => number;
}

export class SnapshotService {
  private readonly parsed = new Map<string, ThawedSnapshot>();
  private readonly now: () => number;

  constructor(private readonly options: SnapshotServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async save(view: DataView, filters: LoadFilters, meta: SnapshotMeta): Promise<SnapshotSummary> {
    const record = freeze(view, filters, meta, {
      id: newSnapshotId(),
      nowMs: this.now(),
      demo: this.options.demo,
      timezone: this.options.timezone,
    });
    await this.options.repository.save(record);
    const { data: _data, ...summary } = record;
    return summary;
  }

  list(limit?: number): Promise<SnapshotSummary[]> {
    return this.options.repository.list({ limit });
  }

  /** The snapshot, parsed; null for an id that is not one or no longer exists. */
  async get(id: string): Promise<ThawedSnapshot | null> {
    if (!isSnapshotId(id)) return null;
    const cached = this.parsed.get(id);
    if (cached) return cached;
    const record = await this.options.repository.get(id);
    if (!record) return null;
    const thawed = thaw(record);
    if (this.parsed.size >= PARSED_KEPT) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(id, thawed);
    return thawed;
  }

  async delete(id: string): Promise<boolean> {
    if (!isSnapshotId(id)) return false;
    this.parsed.delete(id);
    return this.options.repository.delete(id);
  }

  lastScheduledAtMs(): Promise<number | null> {
    return this.options.repository.lastScheduledAtMs();
  }

  /** Deletes snapshots past the retention, if one is set; returns how many. */
  async prune(): Promise<number> {
    if (this.options.retentionDays === null) return 0;
    const removed = await this.options.repository.prune(this.now() - this.options.retentionDays * DAY_MS);
    if (removed > 0) this.parsed.clear();
    return removed;
  }
}
