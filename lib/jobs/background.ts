import { samplesFromAggregate } from '@/lib/history/samples';
import type { LoadStore } from '@/lib/load/store';
import { nextScheduledAt, type SnapshotSchedule } from '@/lib/snapshots/schedule';
import type { SnapshotService } from '@/lib/snapshots/service';
import type { Storage } from '@/lib/storage/types';

// What the server does with nobody watching: write the load to the history every minute, take the
// scheduled snapshots, and forget history past its retention. Each step refreshes the data first
// when it is due, so it records the team as it is, not as it was when the last viewer left.

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface BackgroundJobsOptions {
  store: LoadStore;
  storage: Storage;
  snapshots: SnapshotService;
  schedule: SnapshotSchedule;
  sampleMs: number;
  retentionDays: number;
  now?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export class BackgroundJobs {
  private readonly now: () => number;
  private historyTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPruneMs = Number.NEGATIVE_INFINITY;
  private closed = false;
  /** History rows written and scheduled snapshots taken, for tests and the health report. */
  readonly counts = { samples: 0, skippedSamples: 0, scheduledSnapshots: 0 };

  constructor(private readonly options: BackgroundJobsOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.planHistory();
    this.planSnapshot();
  }

  close(): void {
    this.closed = true;
    if (this.historyTimer) clearTimeout(this.historyTimer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
  }

  /** One history sample of the current load; nothing when the data is stale (a gap, not old numbers). */
  async sampleHistory(): Promise<boolean> {
    const { store, storage, sampleMs } = this.options;
    await store.refreshIfDue();
    const view = store.view();
    const atMs = Math.floor(this.now() / sampleMs) * sampleMs;
    if (!view.snapshot || view.stale) {
      this.counts.skippedSamples++;
      return false;
    }
    storage.insertHistory(samplesFromAggregate(view.snapshot.unfiltered, atMs, view.snapshot.dataset.chats));
    this.counts.samples++;
    if (this.now() - this.lastPruneMs >= PRUNE_EVERY_MS) {
      this.lastPruneMs = this.now();
      const removed = storage.pruneHistory(this.now() - this.options.retentionDays * DAY_MS);
      if (removed > 0) this.options.log.info(`history: ${removed} rows older than ${this.options.retentionDays} days removed`);
    }
    return true;
  }

  /** A scheduled snapshot of the whole team; skipped, with a log line, when there is no data at all. */
  async takeScheduledSnapshot(): Promise<boolean> {
    const { store, snapshots, log } = this.options;
    await store.refreshIfDue();
    const view = store.view();
    if (!view.snapshot) {
      log.warn('scheduled snapshot skipped: no data from wamm.chat yet');
      return false;
    }
    const saved = snapshots.save({ ...view, snapshot: view.snapshot }, { channel: null, user: null }, { label: null, savedBy: null, trigger: 'scheduled' });
    this.counts.scheduledSnapshots++;
    const age = Math.round((this.now() - saved.asOfMs) / 1000);
    log.info(`scheduled snapshot saved: ${saved.openChats} open chats, data ${age} s old${view.stale ? ' (wamm.chat not answering)' : ''}`);
    return true;
  }

  private planHistory(): void {
    if (this.closed) return;
    const { sampleMs } = this.options;
    // On the period's round multiples, so samples line up across restarts.
    const delay = sampleMs - (this.now() % sampleMs);
    this.historyTimer = setTimeout(() => {
      this.historyTimer = null;
      this.run('history sample', () => this.sampleHistory()).finally(() => this.planHistory());
    }, delay);
    this.historyTimer.unref?.();
  }

  private planSnapshot(): void {
    if (this.closed) return;
    const due = nextScheduledAt(this.now(), this.options.schedule);
    if (due === null) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.run('scheduled snapshot', () => this.takeScheduledSnapshot()).finally(() => this.planSnapshot());
    }, Math.max(0, due - this.now()));
    this.snapshotTimer.unref?.();
  }

  private async run(what: string, job: () => Promise<unknown>): Promise<void> {
    try {
      await job();
    } catch (error) {
      // A full disk or a locked file must not stop the dashboard: say so and try at the next tick.
      this.options.log.warn(`${what} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }
}
