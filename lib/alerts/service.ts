import 'server-only';
import { randomBytes } from 'node:crypto';
import type { AuditService } from '@/lib/audit/service';
import type { Coordinator } from '@/lib/cluster/types';
import type { AlertsConfig } from '@/lib/config';
import type { LoadStore } from '@/lib/load/store';
import type { SettingsService } from '@/lib/settings/service';
import type { AlertRule } from '@/lib/settings/schema';
import { ALERT_CHANNELS, type AlertChannel, type AlertEventRepository, type AlertStateRepository, type DeliveryRecord, type DeliveryRepository, type DeliveryStatus } from '@/lib/storage/types';
import { StorageUnavailableError } from '@/lib/storage/errors';
import { anyTarget, DeliveryError, resolveTargets, sendOn, type DeliveryPayload, type Targets } from './channels';
import { describeCondition, linkOf, messageText, type AlertLang } from './messages';
import { evaluate, rulesInForce, type AlertInputs, type AlertMessage, type ConditionState, type Evaluation } from './rules';
import type { ShiftReports } from './reports';

// Alerts end to end: every EVALUATE_MS one instance (a once-only claim per tick) reads the live
// data, evaluates the rules against the states kept in storage, records what fired and resolved,
// and queues one delivery per message and channel. Every DELIVER_MS each instance claims due
// deliveries from the database (a claim is cluster-wide) and sends them, channel by channel, each
// channel on its own: a slow or failing one never holds up the others, nor any request.

const EVALUATE_MS = 15_000;
const DELIVER_MS = 5_000;
/** After the 1st, 2nd, … failed attempt; the 6th failure is final. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 480_000, 1_800_000, 7_200_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const CLAIM_BATCH = 10;
const EVENT_RETENTION_MS = 90 * 86_400_000;

export interface RebalancingSummary {
  atMs: number;
  suggested: number;
  moved: number;
  failed: number;
}

export interface AlertsServiceOptions {
  states: AlertStateRepository;
  events: AlertEventRepository;
  deliveries: DeliveryRepository;
  store: Pick<LoadStore, 'view' | 'refreshIfDue'>;
  settings: Pick<SettingsService, 'current'>;
  audit?: Pick<AuditService, 'record'>;
  /** The last automatic rebalancing run, for the rebalancing rule. */
  rebalancing?: () => RebalancingSummary | null;
  reports?: ShiftReports;
  config: AlertsConfig;
  timezone: string;
  coordinator?: Pick<Coordinator, 'once'> | null;
  /** Each channel's own limit per attempt; default 10 s. */
  channelTimeoutMs?: number;
  /** Counts deliveries (metrics): sent, retry (failed, tried again later) or failed (given up). */
  onDelivery?: (channel: AlertChannel, status: 'sent' | 'retry' | 'failed') => void;
  now?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export interface ActiveAlert {
  id: string;
  rule: string;
  state: 'pending' | 'firing';
  teamId: string | null;
  teamName: string | null;
  value: number;
  threshold: number;
  sinceMs: number;
  text: string;
}

export interface AlertHistoryEntry {
  id: string;
  rule: string;
  teamId: string | null;
  teamName: string | null;
  startedAtMs: number;
  firedAtMs: number;
  resolvedAtMs: number | null;
  value: number;
  threshold: number;
  deliveries: Array<{ channel: AlertChannel; status: DeliveryStatus; attempts: number; lastError: string | null; atMs: number }>;
}

export interface ChannelStatus {
  kind: AlertChannel;
  configured: boolean;
  source: 'env' | 'settings' | null;
  target: string;
}

export class AlertsService {
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private evaluateTimer: NodeJS.Timeout | null = null;
  private deliverTimer: NodeJS.Timeout | null = null;
  private evaluating: Promise<Evaluation | null> | null = null;
  private readonly sending = new Map<AlertChannel, Promise<number>>();
  private closed = false;

  constructor(private readonly options: AlertsServiceOptions) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.channelTimeoutMs ?? 10_000;
  }

  start(): void {
    this.evaluateTimer = setInterval(() => void this.tick(), EVALUATE_MS);
    this.evaluateTimer.unref?.();
    this.deliverTimer = setInterval(() => void this.deliverDue().catch(() => 0), DELIVER_MS);
    this.deliverTimer.unref?.();
    this.options.reports?.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.evaluateTimer) clearInterval(this.evaluateTimer);
    if (this.deliverTimer) clearInterval(this.deliverTimer);
    this.options.reports?.close();
    await Promise.allSettled([this.evaluating, ...this.sending.values()]);
  }

  /** The language of messages: the settings', else ALERT_LANG. */
  lang(): AlertLang {
    return this.options.settings.current().settings.alerts.lang ?? this.options.config.lang;
  }

  targets(): Targets {
    return resolveTargets(this.options.config, this.options.settings.current().settings.alerts);
  }

  rules(): AlertRule[] {
    const { alerts } = this.options.settings.current().settings;
    return rulesInForce(alerts.rules, anyTarget(this.targets()));
  }

  private async tick(): Promise<void> {
    try {
      await this.evaluateOnce();
    } catch (error) {
      this.options.log.warn(`alerts: evaluation failed (${describe(error)}); trying again in ${EVALUATE_MS / 1000} s`);
    }
  }

  /**
   * One evaluation, unless another instance has this tick (or this one is busy). Returns what
   * happened, or null when it was not this instance's to do.
   */
  evaluateOnce(): Promise<Evaluation | null> {
    if (this.closed) return Promise.resolve(null);
    this.evaluating ??= this.evaluate().finally(() => {
      this.evaluating = null;
    });
    return this.evaluating;
  }

  private async evaluate(): Promise<Evaluation | null> {
    const nowMs = this.now();
    if (!(await this.mine(`alerts:evaluate:${Math.floor(nowMs / EVALUATE_MS)}`, 2 * EVALUATE_MS))) return null;
    const rules = this.rules();
    const { store, states, events, deliveries } = this.options;
    const previous = (await states.list()).map((record) => JSON.parse(record.json) as ConditionState);
    // Nothing to watch and nothing to end: no reason to ask wamm.chat for anything.
    if (rules.length === 0 && previous.length === 0) return null;
    await store.refreshIfDue()?.catch(() => null);
    const view = store.view();
    const inputs: AlertInputs = {
      data: view.data,
      stale: view.data === null || view.stale,
      upstreamFailingSinceMs: view.upstreamError ? (view.lastSuccessAtMs ?? view.lastErrorAtMs ?? nowMs) : null,
      rebalancing: this.options.rebalancing?.() ?? null,
      nowMs,
    };
    const result = evaluate(rules, inputs, previous, this.options.timezone);

    // What fired gets its event first, so the messages and the states can name it.
    const eventIds = new Map<string, string>();
    for (const state of result.fired) {
      const id = randomBytes(16).toString('base64url');
      eventIds.set(state.key, id);
      await events.insert({
        id,
        ruleId: state.ruleId,
        kind: state.kind,
        key: state.key,
        teamId: state.teamId,
        subject: state.subject,
        startedAtMs: state.sinceMs,
        firedAtMs: state.firedAtMs ?? nowMs,
        resolvedAtMs: null,
        value: state.value,
        threshold: state.threshold,
      });
    }
    const withEvent = (state: ConditionState): ConditionState => (eventIds.has(state.key) ? { ...state, eventId: eventIds.get(state.key)! } : state);
    const messages = result.messages.map((message) => ({ ...message, state: withEvent(message.state) }));
    // Queued before the states are written: a crash in between queues the same messages again,
    // which the queue's uniqueness (event, message, channel) keeps to one.
    const queued = this.deliveriesOf(messages, rules, nowMs);
    if (queued.length > 0) await deliveries.enqueue(queued);
    for (const state of result.resolved) if (state.eventId) await events.resolve(state.eventId, nowMs, state.value);
    const changed = result.changed.map(withEvent);
    if (changed.length > 0 || result.removed.length > 0) {
      await states.apply({
        put: changed.map((state) => ({ key: state.key, ruleId: state.ruleId, json: JSON.stringify(state), updatedAtMs: nowMs })),
        remove: result.removed,
      });
    }
    for (const state of result.fired) this.options.log.info(`alert: ${state.ruleId} fired (${state.value} for ${state.threshold})`);
    for (const state of result.resolved) this.options.log.info(`alert: ${state.ruleId} resolved`);
    if (queued.length > 0) void this.deliverDue().catch(() => 0);
    return { ...result, changed, messages, states: result.states.map(withEvent), fired: result.fired.map(withEvent) };
  }

  private deliveriesOf(messages: readonly AlertMessage[], rules: readonly AlertRule[], nowMs: number): DeliveryRecord[] {
    const targets = this.targets();
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const lang = this.lang();
    const out: DeliveryRecord[] = [];
    for (const message of messages) {
      const { state } = message;
      if (!state.eventId) continue;
      const rule = byId.get(state.ruleId);
      const wanted = rule && rule.channelIds.length > 0 ? rule.channelIds : ALERT_CHANNELS;
      const text = messageText(message.kind, state, { lang, timezone: this.options.timezone, nowMs, publicUrl: this.options.config.publicUrl });
      const payload: DeliveryPayload = {
        text,
        subject: text.split('\n')[0]!.slice(0, 150),
        alert: {
          rule: state.ruleId,
          state: message.kind === 'resolved' ? 'resolved' : 'firing',
          value: state.value,
          threshold: state.threshold,
          team: this.teamName(state.teamId) ?? state.subject,
          startedAt: new Date(state.sinceMs).toISOString(),
          url: linkOf(state, this.options.config.publicUrl),
        },
      };
      for (const channel of wanted) {
        if (!targets[channel]) continue;
        out.push(newDelivery(state.eventId, message.id, channel, payload, message.holdUntilMs ?? nowMs, nowMs));
      }
    }
    return out;
  }

  /** Queues a payload (a report) on every configured channel, once per id and channel. */
  async enqueue(eventId: string, messageId: string, payloads: Partial<Record<AlertChannel, DeliveryPayload>>): Promise<number> {
    const nowMs = this.now();
    const targets = this.targets();
    const records = ALERT_CHANNELS.filter((channel) => targets[channel] && payloads[channel]).map((channel) => newDelivery(eventId, messageId, channel, payloads[channel]!, nowMs, nowMs));
    const added = records.length > 0 ? await this.options.deliveries.enqueue(records) : 0;
    if (added > 0) void this.deliverDue().catch(() => 0);
    return added;
  }

  /** Sends what is due, every channel on its own; resolves with how many deliveries were attempted. */
  async deliverDue(): Promise<number> {
    if (this.closed) return 0;
    const counts = await Promise.all(ALERT_CHANNELS.map((channel) => this.deliverChannel(channel)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** One channel's due deliveries, one at a time; a second call while it works waits for the same run. */
  deliverChannel(channel: AlertChannel): Promise<number> {
    let running = this.sending.get(channel);
    if (!running) {
      running = this.sendChannel(channel).finally(() => this.sending.delete(channel));
      this.sending.set(channel, running);
    }
    return running;
  }

  private async sendChannel(channel: AlertChannel): Promise<number> {
    const { deliveries, log, onDelivery } = this.options;
    // Nothing is queued for a channel that is not configured (what was queued waits for it to be again).
    if (!this.targets()[channel]) return 0;
    const claimed = await deliveries.claim(this.now(), this.timeoutMs * 3, CLAIM_BATCH, channel).catch((error: unknown) => {
      log.warn(`alerts: deliveries not read (${describe(error)})`);
      return [];
    });
    for (const delivery of claimed) {
      const targets = this.targets();
      const attempts = delivery.attempts + 1;
      try {
        await sendOn(channel, JSON.parse(delivery.payload) as DeliveryPayload, targets, this.timeoutMs);
        await deliveries.settle(delivery.id, { status: 'sent', attempts, nextAtMs: delivery.nextAtMs, lastError: null, atMs: this.now() });
        onDelivery?.(channel, 'sent');
      } catch (error) {
        const reason = error instanceof DeliveryError ? error.message : 'The message could not be sent (an unexpected error).';
        const final = attempts >= MAX_ATTEMPTS;
        const atMs = this.now();
        await deliveries
          .settle(delivery.id, { status: final ? 'failed' : 'pending', attempts, nextAtMs: final ? atMs : atMs + RETRY_DELAYS_MS[attempts - 1]!, lastError: reason, atMs })
          .catch(() => undefined);
        onDelivery?.(channel, final ? 'failed' : 'retry');
        log.warn(`alerts: ${channel} delivery ${final ? 'failed for good' : `failed (attempt ${attempts}), trying again later`}: ${reason}`);
      }
    }
    return claimed.length;
  }

  /** Conditions pending or firing now, oldest first, worded in `lang` (default the alerts language). */
  async active(lang: AlertLang = this.lang()): Promise<ActiveAlert[]> {
    const states = (await this.options.states.list()).map((record) => JSON.parse(record.json) as ConditionState);
    return states
      .sort((a, b) => a.sinceMs - b.sinceMs || (a.key < b.key ? -1 : 1))
      .map((state) => ({
        id: state.key,
        rule: state.ruleId,
        state: state.phase,
        teamId: state.teamId,
        teamName: this.teamName(state.teamId),
        value: state.value,
        threshold: state.threshold,
        sinceMs: state.sinceMs,
        text: describeCondition(state, lang),
      }));
  }

  /** What fired, newest first, with where each message went. */
  async history(limit: number): Promise<AlertHistoryEntry[]> {
    const events = await this.options.events.list({ limit });
    const deliveries = await this.options.deliveries.listForEvents(events.map((event) => event.id));
    return events.map((event) => ({
      id: event.id,
      rule: event.ruleId,
      teamId: event.teamId,
      teamName: this.teamName(event.teamId),
      startedAtMs: event.startedAtMs,
      firedAtMs: event.firedAtMs,
      resolvedAtMs: event.resolvedAtMs,
      value: event.value,
      threshold: event.threshold,
      deliveries: deliveries
        .filter((delivery) => delivery.eventId === event.id)
        .map((delivery) => ({
          channel: delivery.channel,
          status: delivery.status,
          attempts: delivery.attempts,
          lastError: delivery.lastError,
          atMs: delivery.attemptedAtMs ?? delivery.createdAtMs,
        })),
    }));
  }

  channels(): ChannelStatus[] {
    const targets = this.targets();
    const missing: Record<AlertChannel, string> = {
      webhook: 'not configured: set ALERT_WEBHOOK_URL or a webhook URL in the settings',
      telegram: 'not configured: set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID (or a chat id in the settings)',
      email: 'not configured: set SMTP_URL and ALERT_EMAIL_TO (or addresses in the settings)',
    };
    return ALERT_CHANNELS.map((kind) => {
      const target = targets[kind];
      return target ? { kind, configured: true, source: target.source, target: target.target } : { kind, configured: false, source: null, target: missing[kind] };
    });
  }

  /** Sends a test message now, past the queue; audited. */
  async test(channel: AlertChannel, who: { name: string | null; role: string | null }, address: string | null): Promise<{ status: 'sent' | 'failed'; message: string }> {
    const lang = this.lang();
    const text = lang === 'ru' ? 'Тестовое оповещение chatload: канал работает.' : 'chatload test alert: this channel works.';
    let outcome: { status: 'sent' | 'failed'; message: string };
    try {
      await sendOn(channel, { text, subject: text, alert: null }, this.targets(), this.timeoutMs);
      outcome = { status: 'sent', message: `A test message was sent on the ${channel} channel.` };
    } catch (error) {
      outcome = { status: 'failed', message: error instanceof DeliveryError ? error.message : 'The test message could not be sent (an unexpected error).' };
    }
    this.options.onDelivery?.(channel, outcome.status);
    await this.options.audit?.record('alert_test_sent', who, `${channel}: ${outcome.status}`, address).catch(() => undefined);
    return outcome;
  }

  /** Sums up one shift and queues its report (the schedule calls it at each shift end). */
  async sendReport(shift: { fromMs: number; toMs: number }): Promise<boolean> {
    return this.options.reports ? this.options.reports.send(shift) : false;
  }

  /** The report of a shift that ended since the last look, if reports are on (the schedule's timer calls it). */
  async reportIfDue(): Promise<boolean> {
    return this.options.reports ? this.options.reports.reportIfDue() : false;
  }

  /** Forgets resolved events and settled deliveries older than the retention. */
  async prune(): Promise<number> {
    const before = this.now() - EVENT_RETENTION_MS;
    return (await this.options.deliveries.prune(before)) + (await this.options.events.prune(before));
  }

  private teamName(teamId: string | null): string | null {
    if (teamId === null) return null;
    return this.options.settings.current().settings.teams.find((team) => team.id === teamId)?.name ?? null;
  }

  private async mine(key: string, ttlMs: number): Promise<boolean> {
    const coordinator = this.options.coordinator;
    if (!coordinator) return true;
    try {
      return await coordinator.once(key, ttlMs);
    } catch {
      // Without Redis to ask, evaluate anyway: the queue's uniqueness keeps a message to one delivery.
      return true;
    }
  }
}

function newDelivery(eventId: string, message: string, channel: AlertChannel, payload: DeliveryPayload, nextAtMs: number, nowMs: number): DeliveryRecord {
  return {
    id: randomBytes(16).toString('base64url'),
    eventId,
    message,
    channel,
    payload: JSON.stringify(payload),
    status: 'pending',
    attempts: 0,
    nextAtMs,
    lastError: null,
    createdAtMs: nowMs,
    attemptedAtMs: null,
  };
}

function describe(error: unknown): string {
  return StorageUnavailableError.is(error) ? error.reason : error instanceof Error ? error.message : 'unknown error';
}
