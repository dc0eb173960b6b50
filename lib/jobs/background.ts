import type { AuditService } from '@/lib/audit/service';
import type { SessionService } from '@/lib/auth/sessions';
import type { Coordinator } from '@/lib/cluster/types';
import type { RebalanceService } from '@/lib/rebalance/service';
import { samplesFromAggregate } from '@/lib/history/samples';
import { NO_FILTERS } from '@/lib/load/aggregate';
import type { HistoryService } from '@/lib/history/service';
import type { LoadStore } from '@/lib/load/store';
import { nextScheduledAt, type SnapshotSchedule } from '@/lib/snapshots/schedule';
import type { SnapshotService } from '@/lib/snapshots/service';
import { StorageUnavailableError } from '@/lib/storage/errors';

// What the server does with nobody watching: write the load to the history every minute, take the
// scheduled snapshots, and once an hour forget what is past its retention (history, audit log,
// ended sessions, and snapshots if a retention is set). Each step refreshes the data first when it
// is due, so it records the team as it is, not as it was when the last viewer left.
//
// Timers count elapsed time (setTimeout is monotonic); the wall clock only names the minute or
// the scheduled time. A clock stepped back does not repeat a minute (lib/history/service) or a
// scheduled snapshot already taken.

const MAINTAIN_EVERY_MS = 3_600_000;
/** How often the rebalancing interval is looked at; the interval itself is in the settings. */
const REBALANCE_CHECK_MS = 15_000;

export interface BackgroundJobsOptions {
  store: LoadStore;
  history: HistoryService;
  snapshots: SnapshotService;
  audit: AuditService;
  sessions: SessionService;
  /** Alert events and deliveries past their retention, forgotten with the rest. */
  alerts?: { prune(): Promise<number> };
  /** Automatic rebalancing: asked every minute, it runs when its interval has passed. */
  rebalance?: Pick<RebalanceService, 'runAutomatically'>;
  /** The balancing settings in force (mode and interval). */
  balancing?: () => { mode: string; intervalMinutes: number };
  /** Several instances: each piece of work here is done by one of them (a once-only claim per minute, snapshot, run). */
  coordinator?: Pick<Coordinator, 'once'> | null;
  schedule: SnapshotSchedule;
  sampleMs: number;
  historyRetentionDays: number;
  now?: () => number;
  monotonic?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export class BackgroundJobs {
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private historyTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private rebalanceTimer: ReturnType<typeof setInterval> | null = null;
  private lastRebalanceMono = Number.NEGATIVE_INFINITY;
  private rebalancing = false;
  private lastMaintainedMono = Number.NEGATIVE_INFINITY;
  /** The scheduled instant of the last scheduled snapshot taken; undefined until read. */
  private lastScheduledMs: number | null | undefined;
  private closed = false;

  constructor(private readonly options: BackgroundJobsOptions) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
  }

  start(): void {
    this.planHistory();
    this.planSnapshot();
    if (this.options.rebalance) {
      this.rebalanceTimer = setInterval(() => void this.rebalanceIfDue(), REBALANCE_CHECK_MS);
      this.rebalanceTimer.unref?.();
    }
  }

  close(): void {
    this.closed = true;
    if (this.historyTimer) clearTimeout(this.historyTimer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    if (this.rebalanceTimer) clearInterval(this.rebalanceTimer);
  }

  /** One automatic rebalancing run when the mode is on and its interval has passed since the last; never two at once. */
  async rebalanceIfDue(): Promise<boolean> {
    const { rebalance, balancing } = this.options;
    if (!rebalance || !balancing || this.rebalancing || this.closed) return false;
    const { mode, intervalMinutes } = balancing();
    if (mode === 'off' || this.monotonic() - this.lastRebalanceMono < intervalMinutes * 60_000) return false;
    this.rebalancing = true;
    this.lastRebalanceMono = this.monotonic();
    try {
      // Without Redis to ask, no instance moves chats by itself: a move must never be made twice.
      const run = Math.floor(this.now() / (intervalMinutes * 60_000));
      if (!(await this.mine(`rebalance:${run}`, intervalMinutes * 60_000, 'skip'))) return false;
      await this.run('automatic rebalancing', () => rebalance.runAutomatically());
      return true;
    } finally {
      this.rebalancing = false;
    }
  }

  /** One history sample of the current load; nothing when the data is stale (a gap, not old numbers). */
  async sampleHistory(): Promise<boolean> {
    const { store, history, sampleMs } = this.options;
    await store.refreshIfDue();
    const view = store.view();
    const atMs = Math.floor(this.now() / sampleMs) * sampleMs;
    if (!view.data || view.stale) return false;
    if (!(await this.mine(`history:${atMs}`, 2 * sampleMs, 'alone'))) return false;
    const outcome = await history.record(samplesFromAggregate(view.data.unfiltered, atMs, view.data.dataset.chats, view.data.rules));
    if (this.monotonic() - this.lastMaintainedMono >= MAINTAIN_EVERY_MS) {
      this.lastMaintainedMono = this.monotonic();
      if (await this.mine(`maintain:${Math.floor(this.now() / MAINTAIN_EVERY_MS)}`, MAINTAIN_EVERY_MS, 'alone')) await this.maintain();
    }
    return outcome === 'written';
  }

  /** Forgets what is past its retention. Each part on its own: one failing does not stop the rest. */
  async maintain(): Promise<void> {
    const { history, audit, sessions, snapshots, log } = this.options;
    const parts: Array<[string, () => Promise<number>]> = [
      ['history rows', () => history.prune()],
      ['audit entries', () => audit.prune()],
      ['ended sessions', () => sessions.prune()],
      ['snapshots', () => snapshots.prune()],
      ...(this.options.alerts ? [['alert events and deliveries', () => this.options.alerts!.prune()] as [string, () => Promise<number>]] : []),
    ];
    for (const [what, prune] of parts) {
      try {
        const removed = await prune();
        if (removed > 0) log.info(`retention: ${removed} ${what} removed`);
      } catch (error) {
        log.warn(`retention: ${what} not pruned (${describe(error)}); trying again in an hour`);
      }
    }
  }

  /** A scheduled snapshot of the whole team; skipped, with a log line, when there is no data at all. */
  async takeScheduledSnapshot(scheduledAtMs: number = this.now()): Promise<boolean> {
    const { store, snapshots, log } = this.options;
    if (this.lastScheduledMs === undefined) this.lastScheduledMs = await snapshots.lastScheduledAtMs().catch(() => null);
    if (this.lastScheduledMs !== null && scheduledAtMs <= this.lastScheduledMs) return false;
    if (!(await this.mine(`snapshot:${scheduledAtMs}`, 86_400_000, 'alone'))) {
      this.lastScheduledMs = scheduledAtMs;
      return false;
    }
    await store.refreshIfDue();
    const view = store.view();
    if (!view.data) {
      log.warn('scheduled snapshot skipped: no data from wamm.chat yet');
      return false;
    }
    const saved = await snapshots.save({ ...view, data: view.data }, NO_FILTERS, { label: null, savedBy: null, trigger: 'scheduled' });
    this.lastScheduledMs = Math.max(scheduledAtMs, saved.createdAtMs);
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
      this.run('scheduled snapshot', () => this.takeScheduledSnapshot(due)).finally(() => this.planSnapshot());
    }, Math.max(0, due - this.now()));
    this.snapshotTimer.unref?.();
  }

  /**
   * Whether this instance does the work named `key` (alone, always). When Redis cannot be asked,
   * `alone` does it anyway (a history minute written twice is kept once; a snapshot twice is
   * better than none), `skip` leaves it.
   */
  private async mine(key: string, ttlMs: number, withoutRedis: 'alone' | 'skip'): Promise<boolean> {
    const coordinator = this.options.coordinator;
    if (!coordinator) return true;
    try {
      return await coordinator.once(key, ttlMs);
    } catch {
      return withoutRedis === 'alone';
    }
  }

  private async run(what: string, job: () => Promise<unknown>): Promise<void> {
    try {
      await job();
    } catch (error) {
      // A full disk or a locked file must not stop the dashboard: say so and try at the next tick.
      this.options.log.warn(`${what} failed: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
}
