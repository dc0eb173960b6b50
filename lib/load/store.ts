import type { Coordinator } from '@/lib/cluster/types';
import type { WammReader } from '@/lib/wamm/client';
import { WammError, toUpstreamErrorInfo } from '@/lib/wamm/errors';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { NO_FILTERS, aggregate, prepareChats, type LoadAggregate, type LoadDataset } from './aggregate';
import type { LoadRules } from './rules';
import { fetchAll, type Directory } from './refresh';
import type { PartialInfo, UpstreamErrorInfo } from './types';

// The live data set, shared by every viewer: refreshed at most once per interval, never more
// than one fetch in flight, the last good data kept (and marked stale) while the upstream fails.
// (A saved snapshot is something else: lib/snapshots freezes a LoadData into storage.)
//
// Two clocks. Data is stamped with the wall clock (`asOf` is a time people read), but every wait
// is measured on a monotonic one: the wall clock can be stepped (NTP, a VM resumed, a person
// fixing the time), and a step back of an hour must not stop refreshes for an hour, nor a step
// forward mark fresh data stale.

/** The load at one moment: the data set, how complete it is, and its numbers with no filter. */
export interface LoadData {
  dataset: LoadDataset;
  complete: boolean;
  partialReason: string | null;
  partial: PartialInfo | null;
  /** Operators whose chats are not all known in this data; 'all' when none can be trusted. */
  partialOperators: readonly string[] | 'all';
  /** How far the newest last-message time is ahead of our clock; > 60 hints at a wrong WAMM_TIMEZONE. */
  maxFutureSeconds: number;
  /** The manager's rules the numbers are read against (teams, capacity, thresholds, availability). */
  rules: LoadRules;
  /** Which revision of the settings `rules` came from: the numbers are counted again when it changes. */
  rulesRevision: number;
  /** The aggregate with no filter, computed once per refresh (and once per change of the rules). */
  unfiltered: LoadAggregate;
}

export interface StoreState {
  /** Changes whenever anything below changes; responses are cached per version. */
  version: number;
  /** The last good data; null until the first refresh succeeds. */
  data: LoadData | null;
  /** Set while the latest refresh attempt failed. */
  upstreamError: UpstreamErrorInfo | null;
  lastSuccessAtMs: number | null;
  lastErrorAtMs: number | null;
  consecutiveFailures: number;
}

export interface StoreView extends StoreState {
  /** The data is older than the latest attempt to refresh it, or much older than the interval. */
  stale: boolean;
}

/** A view that has data to answer with. */
export type DataView = StoreView & { data: LoadData };

export interface LoadStoreOptions {
  client: WammReader;
  refreshMs: number;
  upstreamTimeoutMs: number;
  /** How often operator and channel names are fetched again; default 5 min. */
  directoryMs?: number;
  /** Longest wait between tries while the upstream fails; default 60 s. */
  maxBackoffMs?: number;
  /** How long the per-operator calls past the 900 cap may take together; default twice upstreamTimeoutMs. */
  fanOutDeadlineMs?: number;
  /** How long after the last viewer's request the data is still kept fresh; default 5 min. */
  keepWarmMs?: number;
  /** The wall clock, for the stamps: `asOf`, last success and error; default Date.now. */
  now?: () => number;
  /** A clock that only moves forward, for intervals, backoff, staleness; default performance.now. */
  monotonic?: () => number;
  /** The rules in force and their revision; read at every request, so it must be cheap. */
  rules?: () => { revision: number; rules: LoadRules };
  /**
   * Several instances: the one holding this window's lease refreshes and publishes; the others take
   * the published data set. Without it (or while Redis is away) this instance refreshes by itself.
   */
  coordinator?: Coordinator | null;
  log?: { info(message: string): void; warn(message: string): void };
  /** Told when a refresh this instance made ends (not of data taken from another), e.g. for metrics. */
  onRefresh?: (refresh: { durationMs: number; ok: boolean }) => void;
}

/** What the refreshing instance publishes: the state without what each instance counts for itself. */
interface PublishedState {
  data: Omit<LoadData, 'rules' | 'rulesRevision' | 'unfiltered'> | null;
  upstreamError: UpstreamErrorInfo | null;
  lastSuccessAtMs: number | null;
  lastErrorAtMs: number | null;
  consecutiveFailures: number;
}

const NO_RULES = { revision: 0, rules: DEFAULT_SETTINGS };
const LEASE_MARGIN_MS = 250;

const noLog = { info: () => {}, warn: () => {} };

export class LoadStore {
  private readonly options: Required<Omit<LoadStoreOptions, 'log' | 'onRefresh'>> & Pick<LoadStoreOptions, 'log' | 'onRefresh'>;
  private readonly log: NonNullable<LoadStoreOptions['log']>;
  private state: StoreState = {
    version: 0,
    data: null,
    upstreamError: null,
    lastSuccessAtMs: null,
    lastErrorAtMs: null,
    consecutiveFailures: 0,
  };
  private directory: Directory | null = null;
  private inFlight: Promise<void> | null = null;
  // On the monotonic clock, like every field below that says when.
  private nextAttemptAt = Number.NEGATIVE_INFINITY;
  private lastDemandAt = Number.NEGATIVE_INFINITY;
  /** When the current data was fetched; its wall-clock stamp is `data.dataset.asOfMs`. */
  private dataFetchedAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** The fence of the data this instance shows (published by it or adopted from another). */
  private fence = 0;
  /** Redis could not be asked for the lease: refresh by ourselves until it can. */
  private alone = false;
  private refreshedLast = false;
  private readonly stopListening: (() => void) | null;

  constructor(options: LoadStoreOptions) {
    this.options = {
      directoryMs: 5 * 60_000,
      maxBackoffMs: 60_000,
      keepWarmMs: 5 * 60_000,
      fanOutDeadlineMs: 2 * options.upstreamTimeoutMs,
      now: Date.now,
      monotonic: () => performance.now(),
      rules: () => NO_RULES,
      coordinator: null,
      ...options,
    };
    this.log = options.log ?? noLog;
    this.stopListening = this.options.coordinator?.onData((fence) => {
      if (fence > this.fence) void this.adopt().catch(() => undefined);
    }) ?? null;
  }

  /** Whether this instance fetched the current data itself (or is alone), for /api/health. */
  get role(): 'refreshing' | 'following' | 'alone' {
    if (!this.options.coordinator || this.options.coordinator.mode === 'single' || this.alone) return 'alone';
    return this.refreshedLast ? 'refreshing' : 'following';
  }

  /**
   * The data to answer a request with. Starts a refresh when one is due; waits for it only when
   * there is nothing to show yet, or what there is has gone very old (nobody looked for a while).
   */
  async read(): Promise<StoreView> {
    const now = this.options.monotonic();
    this.noteDemand();
    const data = this.state.data;
    if (this.inFlight && (!data || now - this.dataFetchedAt > this.veryOldMs())) {
      await this.waitForInFlight();
    }
    return this.view();
  }

  /** Someone looks (a viewer, a scraper): keeps the data fresh, starting a refresh when one is due, without waiting for it. */
  noteDemand(): void {
    this.lastDemandAt = this.options.monotonic();
    this.refreshIfDue();
  }

  /** The current state without starting anything. */
  view(): StoreView {
    this.applyRules();
    const { data } = this.state;
    const stale = data !== null && (this.state.upstreamError !== null || this.options.monotonic() - this.dataFetchedAt > this.veryOldMs());
    return { ...this.state, stale };
  }

  /** Starts a refresh now if the interval (or the backoff) allows; for warming up at start. */
  refreshIfDue(): Promise<void> | null {
    if (this.closed) return null;
    if (this.inFlight) return this.inFlight;
    if (this.options.monotonic() < this.nextAttemptAt) return null;
    this.inFlight = this.refresh().finally(() => {
      this.inFlight = null;
      this.scheduleKeepWarm();
    });
    return this.inFlight;
  }

  /**
   * Data fetched after this call began: waits for a refresh already in flight (it may have started
   * before), then makes one more, whatever the interval says. For checks before a write into the
   * account, and for showing its effect at once; still one fetch at a time.
   */
  async refreshNow(): Promise<StoreView> {
    if (this.inFlight) await this.inFlight;
    if (!this.closed) {
      this.nextAttemptAt = Number.NEGATIVE_INFINITY;
      await this.refreshIfDue();
    }
    return this.view();
  }

  close(): void {
    this.closed = true;
    this.stopListening?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes the data set another instance published, when it is newer than what this one shows. */
  private async adopt(): Promise<boolean> {
    const coordinator = this.options.coordinator;
    if (!coordinator) return false;
    const published = await coordinator.readData();
    if (!published || published.fence <= this.fence) return false;
    let state: PublishedState;
    try {
      state = JSON.parse(published.payload) as PublishedState;
    } catch {
      this.log.warn('cluster: the published data set could not be read; refreshing by this instance at the next window');
      return false;
    }
    this.fence = published.fence;
    this.refreshedLast = false;
    const data = state.data ? { ...state.data, ...this.counted(state.data.dataset) } : this.state.data;
    if (state.data) this.dataFetchedAt = this.options.monotonic() - Math.max(0, this.options.now() - state.data.dataset.asOfMs);
    this.state = {
      version: this.state.version + 1,
      data,
      upstreamError: state.upstreamError,
      lastSuccessAtMs: state.lastSuccessAtMs,
      lastErrorAtMs: state.lastErrorAtMs,
      consecutiveFailures: state.consecutiveFailures,
    };
    return true;
  }

  /** Publishes this instance's state for the others, stamped with the lease's fence. */
  private async publish(fence: number): Promise<void> {
    const coordinator = this.options.coordinator;
    if (!coordinator) return;
    const { data, upstreamError, lastSuccessAtMs, lastErrorAtMs, consecutiveFailures } = this.state;
    const shared: PublishedState = {
      data: data ? { dataset: data.dataset, complete: data.complete, partialReason: data.partialReason, partial: data.partial, partialOperators: data.partialOperators, maxFutureSeconds: data.maxFutureSeconds } : null,
      upstreamError,
      lastSuccessAtMs,
      lastErrorAtMs,
      consecutiveFailures,
    };
    try {
      if (await coordinator.publishData({ fence, payload: JSON.stringify(shared) })) this.fence = fence;
    } catch {
      // The others refresh by themselves at their next window.
    }
  }

  /** Whether this instance should fetch now; false when another holds this window (its data is taken). */
  private async mayRefresh(): Promise<{ refresh: boolean; fence: number | null }> {
    const coordinator = this.options.coordinator;
    if (!coordinator || coordinator.mode === 'single') return { refresh: true, fence: null };
    try {
      // A little shorter than the window, so the holder finds it free again at its next refresh
      // rather than miss a window to its own lease.
      const lease = await coordinator.tryLease('refresh', Math.max(1000, this.options.refreshMs - LEASE_MARGIN_MS));
      if (this.alone) this.log.info('cluster: sharing refreshes with the other instances again');
      this.alone = false;
      if (lease) return { refresh: true, fence: lease.fence };
    } catch {
      if (!this.alone) this.log.warn('cluster: Redis cannot be asked who refreshes; this instance refreshes by itself');
      this.alone = true;
      return { refresh: true, fence: null };
    }
    // Another instance refreshes this window. Before the first data, wait for what it publishes.
    if (!(await this.adopt().catch(() => false)) && this.state.data === null) {
      await this.firstPublished();
    }
    return { refresh: false, fence: null };
  }

  private firstPublished(): Promise<void> {
    const coordinator = this.options.coordinator!;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, 2 * this.options.upstreamTimeoutMs + 1000);
      const stop = coordinator.onData(() => void this.adopt().catch(() => false).then(done));
    });
  }

  /** The rules in force and the unfiltered numbers under them. */
  private counted(dataset: LoadDataset): Pick<LoadData, 'rules' | 'rulesRevision' | 'unfiltered'> {
    const { revision, rules } = this.options.rules();
    return { rules, rulesRevision: revision, unfiltered: aggregate(dataset, NO_FILTERS, rules) };
  }

  /** After a change of the settings, the same data counted again under the new rules. */
  private applyRules(): void {
    const data = this.state.data;
    if (!data || this.options.rules().revision === data.rulesRevision) return;
    this.state = { ...this.state, version: this.state.version + 1, data: { ...data, ...this.counted(data.dataset) } };
  }

  private veryOldMs(): number {
    return 3 * this.options.refreshMs + this.options.upstreamTimeoutMs;
  }

  private async waitForInFlight(): Promise<void> {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    // A refresh is bounded by the upstream timeout per call, but the 900-cap fan-out makes several
    // rounds; a request answers with what there is after two timeouts rather than hang.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 2 * this.options.upstreamTimeoutMs + 1000);
    });
    await Promise.race([inFlight, limit]);
    clearTimeout(timer);
  }

  private async refresh(): Promise<void> {
    const startedAt = this.options.monotonic();
    this.nextAttemptAt = startedAt + this.options.refreshMs;
    // Alone, the fetch starts at once; with others, after asking who refreshes this window.
    const shared = this.options.coordinator !== null && this.options.coordinator.mode !== 'single';
    const { refresh, fence } = shared ? await this.mayRefresh() : { refresh: true, fence: null };
    if (!refresh) return;
    this.refreshedLast = true;
    const fetchStartedAt = this.options.monotonic();
    const done = (ok: boolean) => this.options.onRefresh?.({ durationMs: this.options.monotonic() - fetchStartedAt, ok });
    try {
      // The directory's age is kept on the monotonic clock too (fetchAll stamps it with `nowMs`).
      const directoryDue = !this.directory || startedAt - this.directory.fetchedAtMs >= this.options.directoryMs;
      const result = await fetchAll({
        client: this.options.client,
        previousDirectory: this.directory,
        directoryDue,
        nowMs: startedAt,
        fanOutDeadlineMs: this.options.fanOutDeadlineMs,
        onWarning: (message) => this.log.warn(message),
      });
      if (result.directory) this.directory = result.directory;
      const asOfMs = this.options.now();
      this.dataFetchedAt = this.options.monotonic();
      const { chats, maxFutureSeconds } = prepareChats(result.chats, asOfMs);
      const dataset: LoadDataset = {
        asOfMs,
        chats,
        operators: this.directory?.operators ?? [],
        channels: this.directory?.channels ?? [],
      };
      const recovered = this.state.consecutiveFailures;
      const first = this.state.data === null;
      this.state = {
        version: this.state.version + 1,
        data: {
          dataset,
          complete: result.complete,
          partialReason: result.partialReason,
          partial: result.partial,
          partialOperators: result.partialOperators,
          maxFutureSeconds,
          ...this.counted(dataset),
        },
        upstreamError: null,
        lastSuccessAtMs: asOfMs,
        lastErrorAtMs: this.state.lastErrorAtMs,
        consecutiveFailures: 0,
      };
      if (recovered > 0) this.log.info(`wamm.chat is answering again after ${recovered} failed refresh(es)`);
      else if (first) this.log.info(`first data from wamm.chat: ${chats.length} open chats`);
      if (result.partialReason) this.log.warn(`partial data: ${result.partialReason}`);
      done(true);
      if (fence !== null) await this.publish(fence);
    } catch (error) {
      const info = toUpstreamErrorInfo(error);
      const failures = this.state.consecutiveFailures + 1;
      // Back off while failing: the interval, doubling per failure, at most a minute between tries.
      const backoff = Math.min(this.options.maxBackoffMs, this.options.refreshMs * 2 ** (failures - 1));
      this.nextAttemptAt = this.options.monotonic() + backoff;
      this.state = {
        ...this.state,
        version: this.state.version + 1,
        upstreamError: info,
        lastErrorAtMs: this.options.now(),
        consecutiveFailures: failures,
      };
      const kind = error instanceof WammError ? `${error.code}, ${error.method}` : 'unexpected';
      this.log.warn(`refresh failed (${kind}): ${info.message}; next try in ${Math.round(backoff / 1000)} s`);
      done(false);
      // The others show the same failure (and keep the same last good data) rather than refresh again.
      if (fence !== null) await this.publish(fence);
    }
  }

  private scheduleKeepWarm(): void {
    if (this.closed || this.timer) return;
    const now = this.options.monotonic();
    if (now - this.lastDemandAt > this.options.keepWarmMs) return;
    const delay = Math.max(0, this.nextAttemptAt - now);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refreshIfDue();
    }, delay);
    this.timer.unref?.();
  }
}
