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
  log?: { info(message: string): void; warn(message: string): void };
}

const NO_RULES = { revision: 0, rules: DEFAULT_SETTINGS };

const noLog = { info: () => {}, warn: () => {} };

export class LoadStore {
  private readonly options: Required<Omit<LoadStoreOptions, 'log'>> & Pick<LoadStoreOptions, 'log'>;
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

  constructor(options: LoadStoreOptions) {
    this.options = {
      directoryMs: 5 * 60_000,
      maxBackoffMs: 60_000,
      keepWarmMs: 5 * 60_000,
      fanOutDeadlineMs: 2 * options.upstreamTimeoutMs,
      now: Date.now,
      monotonic: () => performance.now(),
      rules: () => NO_RULES,
      ...options,
    };
    this.log = options.log ?? noLog;
  }

  /**
   * The data to answer a request with. Starts a refresh when one is due; waits for it only when
   * there is nothing to show yet, or what there is has gone very old (nobody looked for a while).
   */
  async read(): Promise<StoreView> {
    const now = this.options.monotonic();
    this.lastDemandAt = now;
    this.refreshIfDue();
    const data = this.state.data;
    if (this.inFlight && (!data || now - this.dataFetchedAt > this.veryOldMs())) {
      await this.waitForInFlight();
    }
    return this.view();
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
