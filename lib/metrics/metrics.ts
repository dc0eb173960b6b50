import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MoveStatus, MoveTrigger } from '@/lib/storage/types';
import type { UpstreamCall } from '@/lib/wamm/client';

// chatload's Prometheus metrics, one registry per runtime (tests make several runtimes in one
// process, so nothing goes into prom-client's global registry).
//
// The load gauges are read from the live data set when Prometheus scrapes, not set on each refresh:
// an instance that follows another's refreshes (Redis) reports the same numbers as the one that
// fetched them, and a number can never be left behind by a code path that forgot to update it.
// Every instance reports the shared data set, so a dashboard takes max() of them, never sum().
// Counters (upstream calls, moves, alert deliveries) count what this instance did: sum() them.
//
// No customer names or phones, ever: channels, teams and operators appear by id only, and only as
// the few labels below.

/** What the gauges read at scrape time; the live store provides it (lib/load/store.ts). */
export interface MetricsSource {
  view(): {
    data: {
      dataset: { asOfMs: number };
      complete: boolean;
      unfiltered: {
        totals: { openChats: number; operators: number; oldestAgeSeconds: number | null; overCapacityOperators: number; overCriticalChats: number };
        byChannel: ReadonlyArray<{ apiId: string; openChats: number }>;
        byTeam: ReadonlyArray<{ teamId: string; openChats: number; overCriticalChats: number }>;
      };
    } | null;
    upstreamError: { code: string } | null;
    stale: boolean;
  };
  /** This instance's part in the refresh: refreshing, following another, or alone. */
  readonly role: string;
}

export interface MetricsOptions {
  version: string;
  buildId: string;
  /** The wall clock, for the data's age; default Date.now. */
  now?: () => number;
  /** Node's process metrics (CPU, memory, event loop) under `chatload_`; default true. */
  processMetrics?: boolean;
}

/** Seconds, for wamm.chat's calls: most answer within a second; the timeout is 10 s by default. */
const UPSTREAM_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20];
const REFRESH_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40];
const ROLES = ['refreshing', 'following', 'alone'] as const;

export type AlertDeliveryStatus = 'sent' | 'failed';

export class Metrics {
  readonly registry = new Registry();
  private source: MetricsSource | null = null;
  private readonly now: () => number;
  private readonly upstreamDuration: Histogram<'method'>;
  private readonly upstreamErrors: Counter<'code'>;
  private readonly refreshDuration: Histogram<'result'>;
  private readonly moves: Counter<'trigger' | 'status'>;
  private readonly alertDeliveries: Counter<'channel' | 'status'>;

  constructor(options: MetricsOptions) {
    this.now = options.now ?? Date.now;
    const registers = [this.registry];
    const data = () => this.source?.view().data ?? null;
    // A gauge of the data set: no sample at all while there is no data (rather than a reassuring 0).
    const live = (name: string, help: string, read: (value: NonNullable<ReturnType<typeof data>>) => number | null) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const current = data();
          const value = current ? read(current) : null;
          if (value === null) {
            this.reset();
            this.remove();
          } else this.set(value);
        },
      });

    live('chatload_open_chats', 'Open chats in the live data set.', (d) => d.unfiltered.totals.openChats);
    live('chatload_chats_over_critical', 'Open chats whose last message is older than the critical threshold of the settings.', (d) => d.unfiltered.totals.overCriticalChats);
    live('chatload_operators_over_capacity', 'Operators holding more open chats than their capacity in the settings.', (d) => d.unfiltered.totals.overCapacityOperators);
    live('chatload_operators', 'Operators in the live data set.', (d) => d.unfiltered.totals.operators);
    live('chatload_oldest_chat_age_seconds', 'Age of the oldest dated open chat, from its last message.', (d) => d.unfiltered.totals.oldestAgeSeconds);
    live('chatload_data_age_seconds', 'Seconds since the live data set was fetched from wamm.chat.', (d) => Math.max(0, (this.now() - d.dataset.asOfMs) / 1000));
    live('chatload_data_partial', '1 when the live data set is known to be incomplete (the 900-chat cap, a failed per-operator call).', (d) => (d.complete ? 0 : 1));

    new Gauge({
      name: 'chatload_channel_open_chats',
      help: 'Open chats per wamm.chat channel (channel id).',
      labelNames: ['channel'],
      registers,
      collect() {
        this.reset();
        for (const channel of data()?.unfiltered.byChannel ?? []) this.set({ channel: channel.apiId }, channel.openChats);
      },
    });
    new Gauge({
      name: 'chatload_team_open_chats',
      help: "Open chats per team of the settings (team id): its operators' chats and the unassigned ones on its channels.",
      labelNames: ['team'],
      registers,
      collect() {
        this.reset();
        for (const team of data()?.unfiltered.byTeam ?? []) this.set({ team: team.teamId }, team.openChats);
      },
    });
    new Gauge({
      name: 'chatload_team_chats_over_critical',
      help: 'Open chats past the critical threshold per team of the settings (team id).',
      labelNames: ['team'],
      registers,
      collect() {
        this.reset();
        for (const team of data()?.unfiltered.byTeam ?? []) this.set({ team: team.teamId }, team.overCriticalChats);
      },
    });
    const source = () => this.source;
    new Gauge({
      name: 'chatload_upstream_up',
      help: '1 when the latest refresh from wamm.chat succeeded (by this instance or the one refreshing for all), else 0.',
      registers,
      collect() {
        const view = source()?.view();
        this.set(view && view.data !== null && view.upstreamError === null ? 1 : 0);
      },
    });
    new Gauge({
      name: 'chatload_data_stale',
      help: '1 when the data shown is older than the latest attempt to refresh it, or much older than the refresh interval.',
      registers,
      collect() {
        this.set(source()?.view().stale ? 1 : 0);
      },
    });
    new Gauge({
      name: 'chatload_instance_role',
      help: "1 for this instance's part in the refresh: refreshing (for all), following (another's refreshes) or alone.",
      labelNames: ['role'],
      registers,
      collect() {
        const role = source()?.role;
        for (const candidate of ROLES) this.set({ role: candidate }, candidate === role ? 1 : 0);
      },
    });
    new Gauge({
      name: 'chatload_build_info',
      help: 'Always 1; the version and build id of the running code.',
      labelNames: ['version', 'build_id'],
      registers,
    }).set({ version: options.version, build_id: options.buildId }, 1);

    this.upstreamDuration = new Histogram({
      name: 'chatload_upstream_request_duration_seconds',
      help: 'Duration of each HTTP request to wamm.chat (each attempt, retries included), by API method.',
      labelNames: ['method'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'chatload_upstream_errors_total',
      help: 'Failed requests to wamm.chat (each attempt), by error code.',
      labelNames: ['code'],
      registers,
    });
    this.refreshDuration = new Histogram({
      name: 'chatload_refresh_duration_seconds',
      help: 'Duration of the refreshes this instance made (every call of one refresh together), by result.',
      labelNames: ['result'],
      buckets: REFRESH_BUCKETS,
      registers,
    });
    this.moves = new Counter({
      name: 'chatload_moves_total',
      help: 'Chats reassigned through wamm.chat (or not), by trigger (manual, auto, undo) and status (moved, skipped, failed, unknown).',
      labelNames: ['trigger', 'status'],
      registers,
    });
    this.alertDeliveries = new Counter({
      name: 'chatload_alert_deliveries_total',
      help: 'Alert notifications, by delivery channel and status (sent, failed).',
      labelNames: ['channel', 'status'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'chatload_' });
  }

  /** Where the gauges read the load from; until then they have no samples. */
  observe(source: MetricsSource): void {
    this.source = source;
  }

  /** One request to wamm.chat ended (lib/wamm/client.ts's onCall). */
  upstreamCall(call: UpstreamCall): void {
    this.upstreamDuration.observe({ method: call.method }, call.durationMs / 1000);
    if (call.code !== null) this.upstreamErrors.inc({ code: call.code });
  }

  /** One refresh of the live data set, made by this instance, ended. */
  refreshed(durationMs: number, ok: boolean): void {
    this.refreshDuration.observe({ result: ok ? 'ok' : 'failed' }, durationMs / 1000);
  }

  /** A move was answered (sent or not). */
  moveRecorded(trigger: MoveTrigger, status: MoveStatus): void {
    this.moves.inc({ trigger, status });
  }

  /** An alert notification was delivered, or failed to be, over a delivery channel (e.g. email, webhook). */
  alertDelivered(channel: string, status: AlertDeliveryStatus): void {
    this.alertDeliveries.inc({ channel, status });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text Prometheus scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
