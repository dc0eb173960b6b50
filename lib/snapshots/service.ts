import type { LoadFilters } from '@/lib/load/aggregate';
import type { LoadSnapshot, StoreView } from '@/lib/load/store';
import { isSnapshotId, newSnapshotId } from '@/lib/storage/ids';
import type { SnapshotSummary, Storage } from '@/lib/storage/types';
import { freeze, thaw, type SnapshotMeta, type ThawedSnapshot } from './model';

// Saving, listing, opening and deleting snapshots. Opening parses a stored document of every chat;
// the few most recently opened are kept parsed, since a shared link is opened by many at once.

const PARSED_KEPT = 8;

export interface SnapshotServiceOptions {
  storage: Storage;
  demo: boolean;
  timezone: string;
  now?: () => number;
}

export class SnapshotService {
  private readonly parsed = new Map<string, ThawedSnapshot>();
  private readonly now: () => number;

  constructor(private readonly options: SnapshotServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  save(view: StoreView & { snapshot: LoadSnapshot }, filters: LoadFilters, meta: SnapshotMeta): SnapshotSummary {
    const record = freeze(view, filters, meta, {
      id: newSnapshotId(),
      nowMs: this.now(),
      demo: this.options.demo,
      timezone: this.options.timezone,
    });
    this.options.storage.saveSnapshot(record);
    const { data: _data, ...summary } = record;
    return summary;
  }

  list(limit?: number): SnapshotSummary[] {
    return this.options.storage.listSnapshots({ limit });
  }

  /** The snapshot, parsed; null for an id that is not one or no longer exists. */
  get(id: string): ThawedSnapshot | null {
    if (!isSnapshotId(id)) return null;
    const cached = this.parsed.get(id);
    if (cached) return cached;
    const record = this.options.storage.getSnapshot(id);
    if (!record) return null;
    const thawed = thaw(record);
    if (this.parsed.size >= PARSED_KEPT) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(id, thawed);
    return thawed;
  }

  delete(id: string): boolean {
    if (!isSnapshotId(id)) return false;
    this.parsed.delete(id);
    return this.options.storage.deleteSnapshot(id);
  }

  lastScheduledAtMs(): number | null {
    return this.options.storage.lastScheduledSnapshotAtMs();
  }
}
