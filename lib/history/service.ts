import { StorageUnavailableError } from '@/lib/storage/errors';
import type { HistoryQuery, HistoryRepository, HistorySample, HistorySeries } from '@/lib/storage/types';

// The minute history: one tick a minute written by the background jobs, trends read by the pages.
// A minute is written once. After the wall clock steps back (NTP, a VM resumed), the minutes it
// passes through again are skipped rather than overwritten, so history never shows a past it did
// not see. A tick the database cannot take is a gap in the trend, logged once per outage.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type TickOutcome = 'written' | 'repeated' | 'failed';

export interface HistoryServiceOptions {
  repository: HistoryRepository;
  retentionDays: number;
  now?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export class HistoryService {
  private readonly now: () => number;
  /** The newest minute written (epoch ms); undefined until read from the database. */
  private lastMinuteMs: number | null | undefined;
  private failing = false;

  constructor(private readonly options: HistoryServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Writes one tick (all samples of one minute). */
  async record(samples: readonly HistorySample[]): Promise<TickOutcome> {
    if (samples.length === 0) return 'written';
    const minuteMs = Math.floor(samples[0]!.atMs / MINUTE_MS) * MINUTE_MS;
    try {
      if (this.lastMinuteMs === undefined) this.lastMinuteMs = await this.options.repository.lastSampleAtMs();
      if (this.lastMinuteMs !== null && minuteMs <= this.lastMinuteMs) return 'repeated';
      await this.options.repository.insert(samples);
      this.lastMinuteMs = minuteMs;
      if (this.failing) {
        this.failing = false;
        this.options.log.info('history: written again; the minutes in between are a gap in the trends');
      }
      return 'written';
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        const reason = StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
        this.options.log.warn(`history: a minute could not be written (${reason}); trends will show a gap`);
      }
      return 'failed';
    }
  }

  trend(query: HistoryQuery): Promise<HistorySeries[]> {
    return this.options.repository.query(query);
  }

  /** Forgets samples past the retention; returns the rows removed. */
  prune(): Promise<number> {
    return this.options.repository.prune(this.now() - this.options.retentionDays * DAY_MS);
  }
}
