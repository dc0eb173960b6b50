import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertChannelsResponseSchema, alertHistoryResponseSchema, alertsResponseSchema, alertTestResponseSchema } from '@/lib/api/response-schemas';
import { parseConfig } from '@/lib/config';
import { startSimulator } from '@/lib/simulator';
import { createRuntime, type Runtime } from '@/lib/runtime';
import { DEFAULT_SETTINGS, type AlertRule, type Settings } from '@/lib/settings/schema';
import type { HistorySample } from '@/lib/storage/types';
import { postgresForTests } from '@/tests/support/postgres';
import { redisForTests } from '@/tests/support/redis';
import { startBotApi, startSmtpReceiver, startWebhookReceiver, type BotMessage, type HttpReceiver, type SmtpReceiver, type WebhookDelivery } from '@/tests/support/receivers';
import { eventually, startApp, TOKEN, type App } from './harness';

// Alerts end to end against real local receivers: an SMTP server, a Bot API stand-in and a webhook
// endpoint. The alerts run on an injected clock and are evaluated and delivered by hand, so "an hour
// later" takes no time; the data comes from the simulator through the real store.

const BOT_TOKEN = '987654321:AAH-botSecretForAlertTests_42x';
const SMTP_PASSWORD = 'Smtp-Pa55-for-alerts';
const HOOK_SECRET = 'hook-secret-q9z';
const MINUTE = 60_000;
const HOST = { host: 'chatload.test' };

let smtp: SmtpReceiver;
let bot: HttpReceiver<BotMessage>;
let hook: HttpReceiver<WebhookDelivery>;
const logLines: string[] = [];
const realStdout = process.stdout.write.bind(process.stdout);
const realStderr = process.stderr.write.bind(process.stderr);

function channelsEnv(): Record<string, string> {
  return {
    ALERT_WEBHOOK_URL: `${hook.url}/hooks/chatload?token=${HOOK_SECRET}`,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_CHAT_ID: '-100123456',
    TELEGRAM_API_URL: bot.url,
    SMTP_URL: smtp.url,
    ALERT_EMAIL_FROM: 'chatload@example.test',
    ALERT_EMAIL_TO: 'lead@example.test',
    ALERT_LANG: 'en',
    PUBLIC_URL: 'https://chatload.example.test',
  };
}

const rule = (extra: Partial<AlertRule> & Pick<AlertRule, 'id' | 'kind'>): AlertRule => ({
  enabled: true,
  threshold: 1,
  teamId: null,
  forMinutes: 0,
  channelIds: [],
  repeatMinutes: 60,
  quietHours: null,
  ...extra,
});

function withRules(rules: AlertRule[], alerts: Partial<Settings['alerts']> = {}): Settings {
  return { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, rules, ...alerts } };
}

/** "HH:MM" in Moscow (the harness's WAMM_TIMEZONE) at `ms`. */
function moscowClock(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

const counts = () => ({ telegram: bot.received.length, email: smtp.mails.length, webhook: hook.received.length });

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: 'alerts', password: SMTP_PASSWORD });
  bot = await startBotApi({ token: BOT_TOKEN });
  hook = await startWebhookReceiver();
  // Every log line of the suite, for the secrets check at the end.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(String(chunk));
    return realStdout(chunk as string, ...(rest as []));
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(String(chunk));
    return realStderr(chunk as string, ...(rest as []));
  }) as typeof process.stderr.write;
});

afterAll(async () => {
  process.stdout.write = realStdout;
  process.stderr.write = realStderr;
  await Promise.all([smtp.close(), bot.close(), hook.close()]);
});

describe('alerts through real receivers', () => {
  let app: App | null = null;
  const clock = { now: Date.now() };
  const bodies: string[] = [];

  async function start(extra: { dataDir?: string; reuseSim?: App['sim']; env?: Record<string, string> } = {}): Promise<App> {
    app = await startApp({
      env: { ...channelsEnv(), ...extra.env },
      dataDir: extra.dataDir,
      reuseSim: extra.reuseSim,
      overrides: { alertsNow: () => clock.now, alertTimers: false, alertChannelTimeoutMs: 1500 },
    });
    await dataOf(app.runtime);
    return app;
  }

  async function stop(keep = false): Promise<void> {
    if (!app) return;
    bodies.push(...app.bodies);
    if (!keep) await app.close();
    app = null;
  }

  afterEach(async () => {
    await stop();
    for (const receiver of [bot, hook]) {
      receiver.failNext(0);
      receiver.delay(0);
    }
  });

  const step = async (runtime: Runtime, minutes: number) => {
    clock.now += minutes * MINUTE;
    await runtime.alerts.evaluateOnce();
    await runtime.alerts.deliverDue();
  };

  it('fires once on each channel after forMinutes, reminds after repeatMinutes, resolves once', async () => {
    const { runtime, sim } = await start();
    await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats', forMinutes: 5, repeatMinutes: 60 })]), null);
    const critical = (await dataOf(runtime)).unfiltered.totals.overCriticalChats;
    expect(critical).toBeGreaterThan(0);
    const before = counts();

    await step(runtime, 0);
    const pendingResponse = await app!.get('/api/alerts');
    expect(pendingResponse.headers.get('cache-control')).toBe('no-store');
    const pending = alertsResponseSchema.parse(pendingResponse.body);
    expect(pending.active).toEqual([expect.objectContaining({ rule: 'critical', state: 'pending', value: critical, threshold: 1, teamId: null })]);
    expect(counts()).toEqual(before);

    await step(runtime, 4);
    expect(counts()).toEqual(before);
    await step(runtime, 1);
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    const fired = hook.received.at(-1)!.body;
    expect(fired.alert).toMatchObject({ rule: 'critical', state: 'firing', value: critical, threshold: 1, team: null, url: 'https://chatload.example.test/' });
    expect(fired.text).toContain(`Chats past the critical threshold: ${critical}`);
    expect(bot.received.at(-1)).toMatchObject({ chatId: '-100123456', text: fired.text });
    expect(smtp.mails.at(-1)).toMatchObject({ to: ['lead@example.test'], text: fired.text });
    const firing = alertsResponseSchema.parse((await app!.get('/api/alerts')).body);
    expect(firing.active[0]).toMatchObject({ state: 'firing' });
    // Worded in the requester's language where it says one, else the alerts language.
    const inRussian = alertsResponseSchema.parse((await app!.request('GET', '/api/alerts', undefined, { 'accept-language': 'ru-RU,ru;q=0.9' })).body);
    expect(inRussian.active[0]!.text).toBe(`Чатов сверх критического порога: ${critical}`);
    expect(firing.active[0]!.text).toBe(`Chats past the critical threshold: ${critical}`);

    await step(runtime, 30);
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    await step(runtime, 30);
    expect(counts()).toEqual({ telegram: before.telegram + 2, email: before.email + 2, webhook: before.webhook + 2 });
    expect(hook.received.at(-1)!.body.alert).toMatchObject({ state: 'firing' });
    expect(hook.received.at(-1)!.body.text).toContain('Still');

    sim.control.setDataset('empty');
    await eventually(async () => (await dataOf(runtime)).unfiltered.totals.openChats, (open) => open === 0);
    await step(runtime, 1);
    expect(counts()).toEqual({ telegram: before.telegram + 3, email: before.email + 3, webhook: before.webhook + 3 });
    expect(hook.received.at(-1)!.body.alert).toMatchObject({ state: 'resolved', value: 0 });
    await step(runtime, 90);
    expect(counts()).toEqual({ telegram: before.telegram + 3, email: before.email + 3, webhook: before.webhook + 3 });

    expect(alertsResponseSchema.parse((await app!.get('/api/alerts')).body).active).toEqual([]);
    const history = alertHistoryResponseSchema.parse((await app!.get('/api/alerts/history?limit=10')).body);
    expect(history.events).toHaveLength(1);
    expect(history.events[0]).toMatchObject({ rule: 'critical', value: 0, threshold: 1 });
    expect(Date.parse(history.events[0]!.firedAt) - Date.parse(history.events[0]!.startedAt)).toBe(5 * MINUTE);
    expect(history.events[0]!.resolvedAt).not.toBeNull();
    expect(history.events[0]!.deliveries).toHaveLength(9);
    expect(history.events[0]!.deliveries.every((delivery) => delivery.status === 'sent' && delivery.attempts === 1)).toBe(true);
    sim.control.setDataset('demo');
  });

  it('retries a failing webhook with backoff while Telegram and e-mail arrive on time; a slow one holds up nobody', async () => {
    const { runtime } = await start();
    await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats' })]), null);
    const before = counts();
    hook.failNext(1);
    await step(runtime, 0);
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook });
    let history = alertHistoryResponseSchema.parse((await app!.get('/api/alerts/history')).body);
    const webhook = () => history.events[0]!.deliveries.find((delivery) => delivery.channel === 'webhook')!;
    expect(webhook()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(webhook().lastError).toMatch(/^The webhook at 127\.0\.0\.1:\d+ answered HTTP 500/);
    expect(webhook().lastError).not.toContain(HOOK_SECRET);

    // Not before its 30 s are up.
    await step(runtime, 0.25);
    expect(hook.received.length).toBe(before.webhook);
    await step(runtime, 0.25);
    expect(hook.received.length).toBe(before.webhook + 1);
    history = alertHistoryResponseSchema.parse((await app!.get('/api/alerts/history')).body);
    expect(webhook()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    // A webhook that answers after the channel's timeout: Telegram and e-mail do not wait for it.
    hook.delay(4000);
    await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats' }), rule({ id: 'partial', kind: 'critical_chats', threshold: 1 })]), null);
    clock.now += MINUTE;
    await runtime.alerts.evaluateOnce();
    const startedAt = Date.now();
    const delivering = runtime.alerts.deliverDue();
    await eventually(async () => counts(), (now) => now.telegram === before.telegram + 2 && now.email === before.email + 2, 3000);
    expect(Date.now() - startedAt).toBeLessThan(1500);
    expect(hook.received.length).toBe(before.webhook + 1);
    await delivering;
    history = alertHistoryResponseSchema.parse((await app!.get('/api/alerts/history')).body);
    const slow = history.events.find((event) => event.rule === 'partial')!.deliveries.find((delivery) => delivery.channel === 'webhook')!;
    expect(slow).toMatchObject({ status: 'pending', attempts: 1 });
    expect(slow.lastError).toMatch(/did not answer within 2 s/);
    // The slow receiver still takes it when it gets round to it: after a timeout a message may
    // arrive twice (the retry), never not at all.
    await eventually(async () => hook.received.length, (length) => length === before.webhook + 2, 6000);
  }, 20_000);

  it('keeps its state across a restart: fires once, never twice, and reminds on time', async () => {
    const sim = await startSimulator({ token: TOKEN, live: false, timezone: 'Europe/Moscow' });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-alerts-'));
    const restart = async () => {
      await stop();
      return (await start({ dataDir, reuseSim: sim })).runtime;
    };
    try {
      let runtime = (await start({ dataDir, reuseSim: sim })).runtime;
      await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats', forMinutes: 10 })]), null);
      await step(runtime, 0);
      const since = alertsResponseSchema.parse((await app!.get('/api/alerts')).body).active[0]!.since;
      runtime = await restart();
      expect(alertsResponseSchema.parse((await app!.get('/api/alerts')).body).active).toEqual([expect.objectContaining({ state: 'pending', since })]);
      const before = counts();
      await step(runtime, 10);
      expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });

      // Restarted while firing: no second "fired", the reminder at its time.
      runtime = await restart();
      await step(runtime, 1);
      expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
      await step(runtime, 59);
      expect(counts()).toEqual({ telegram: before.telegram + 2, email: before.email + 2, webhook: before.webhook + 2 });
      const history = alertHistoryResponseSchema.parse((await app!.get('/api/alerts/history')).body);
      expect(history.events).toHaveLength(1);
    } finally {
      await stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('holds messages in quiet hours, not the state: it fires in them and speaks when they end', async () => {
    const { runtime } = await start();
    const quietHours = { from: moscowClock(clock.now - 30 * MINUTE), to: moscowClock(clock.now + 60 * MINUTE) };
    await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats', quietHours })]), null);
    const before = counts();
    await step(runtime, 0);
    await step(runtime, 30);
    expect(counts()).toEqual(before);
    expect(alertsResponseSchema.parse((await app!.get('/api/alerts')).body).active[0]).toMatchObject({ state: 'firing' });
    await step(runtime, 31);
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    expect(hook.received.at(-1)!.body.alert).toMatchObject({ state: 'firing' });
  });

  it('sends a shift report: the numbers from the history and the moves log, the workbook attached over SMTP', async () => {
    const { runtime, sim } = await start({ env: { HISTORY_SAMPLE_SECONDS: '3600' } });
    await runtime.settings.save({ ...withRules([], { report: { enabled: true, at: ['08:00', '20:00'] } }), teams: [{ id: 'support', name: 'Поддержка', operatorIds: [], channelIds: [] }] }, null);
    const fromMs = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * 60 * MINUTE;
    const toMs = fromMs + 60 * MINUTE;
    const opens = [4, 9, 7, 12, 3];
    for (const [index, open] of opens.entries()) {
      const sample = (scope: HistorySample['scope'], openChats: number, oldest: number | null): HistorySample => ({
        atMs: fromMs + index * MINUTE,
        scope,
        scopeId: scope === 'total' ? '' : 'support',
        openChats,
        oldestAgeSeconds: oldest,
        buckets: [0, 0, 0, 0, 0, 0],
      });
      // The team holds them all; its available operators could take 8.
      await runtime.history.record([sample('total', open, 600 + index * 120), sample('team', open, 600 + index * 120), sample('team_capacity', 8, null)]);
    }
    // One real move, made through wamm.chat within the shift's hours of the moves log.
    const world = sim.control.snapshot();
    const chat = world.chats.find((entry) => !String(entry.phone).endsWith('@g.us') && String(entry.user_id) !== '0' && String(entry.user_id) !== '')!;
    const to = world.users.find((user) => !user.lock && !user.deleted && String(user.user_id) !== String(chat.user_id))!;
    const moved = await app!.request('POST', '/api/rebalance/apply', { moves: [{ chatId: String(chat.chat_id), toUserId: String(to.user_id), fromUserId: String(chat.user_id) }] }, HOST);
    expect(moved.status).toBe(200);
    const before = counts();
    await runtime.alerts.sendReport({ fromMs, toMs: Date.now() + MINUTE });
    await runtime.alerts.deliverDue();
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    const mail = smtp.mails.at(-1)!;
    expect(mail.subject).toMatch(/^Shift summary /);
    expect(mail.text).toContain('Open chats: peak 12, mean 7');
    expect(mail.text).toContain('Longest wait: 18 min');
    expect(mail.text).toContain('Moves made: 1');
    expect(mail.text).toContain('Minutes over capacity: Поддержка: 2');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.fileName).toMatch(/\.xlsx$/);
    expect(mail.attachments[0]!.content.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bot.received.at(-1)!.text).toBe(mail.text);
    expect(hook.received.at(-1)!.body.report).toMatchObject({ peakOpenChats: 12, meanOpenChats: 7, movesMade: 1 });
    // The same shift again (another instance, a retry): the queue takes it once only.
    const shiftEnd = Date.now() + MINUTE;
    void toMs;
    const again = counts();
    await runtime.alerts.enqueue(`report:${shiftEnd}`, 'report', { webhook: { text: 'x', subject: 'x', alert: null } });
    expect(await runtime.alerts.enqueue(`report:${shiftEnd}`, 'report', { webhook: { text: 'x', subject: 'x', alert: null } })).toBe(0);
    await runtime.alerts.deliverDue();
    expect(counts()).toEqual({ ...again, webhook: again.webhook + 1 });
  });

  it('reports at the shift ends of its own schedule, once each', async () => {
    const { runtime } = await start();
    const shiftEnd = moscowClock(clock.now + 2 * MINUTE);
    await runtime.settings.save(withRules([], { report: { enabled: true, at: [shiftEnd] } }), null);
    const before = counts();
    expect(await runtime.alerts.reportIfDue()).toBe(false);
    clock.now += 3 * MINUTE;
    expect(await runtime.alerts.reportIfDue()).toBe(true);
    expect(await runtime.alerts.reportIfDue()).toBe(false);
    await runtime.alerts.deliverDue();
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    expect(smtp.mails.at(-1)!.subject).toMatch(new RegExp(`^Shift summary .*–${shiftEnd}$`));
  });

  it('lists the channels without secrets and test-sends on each; a bad channel is a 400 naming it', async () => {
    const { runtime } = await start({ env: { AUTH_DISABLED: '0', MANAGER_PASSWORD: 'manager-secret-1' } });
    void runtime;
    const cookie = ((await app!.request('POST', '/api/session', { password: 'manager-secret-1' }, HOST)).headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = (target: string) => app!.request('GET', target, undefined, { ...HOST, cookie });
    const channels = alertChannelsResponseSchema.parse((await get('/api/alerts/channels')).body).channels;
    expect(channels.map((channel) => [channel.kind, channel.configured, channel.source])).toEqual([
      ['webhook', true, 'env'],
      ['telegram', true, 'env'],
      ['email', true, 'env'],
    ]);
    expect(channels.find((channel) => channel.kind === 'telegram')!.target).toBe(`chat -100123456 through ${new URL(bot.url).host}`);
    const before = counts();
    for (const channel of ['webhook', 'telegram', 'email'] as const) {
      const answer = await app!.request('POST', '/api/alerts/test', { channel }, { ...HOST, cookie });
      expect(alertTestResponseSchema.parse(answer.body)).toMatchObject({ channel, status: 'sent' });
    }
    expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });
    bot.failNext(1, 401);
    const failed = alertTestResponseSchema.parse((await app!.request('POST', '/api/alerts/test', { channel: 'telegram' }, { ...HOST, cookie })).body);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.message).toMatch(/answered HTTP 401/);
    const bad = await app!.request('POST', '/api/alerts/test', { channel: 'pager' }, { ...HOST, cookie });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('channel');
    const audit = await get('/api/audit');
    expect(audit.text).toContain('alert_test_sent');
  });

  it('puts the bot token and the SMTP password in no log line, response, audit entry or export', async () => {
    const { runtime } = await start();
    await runtime.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats' })]), null);
    bot.failNext(1, 401);
    await step(runtime, 0);
    const exports = await Promise.all(['/api/export?format=json', '/api/export?format=csv', '/api/audit', '/api/settings', '/api/alerts/history', '/api/alerts/channels'].map((target) => app!.get(target)));
    // The database too: what is stored (delivery payloads, errors, audit) holds no secret either.
    const files = walk(app!.dataDir).map((file) => readFileSync(file, 'latin1'));
    await stop();
    const everything = [...logLines, ...bodies, ...exports.map((response) => response.bytes.toString('latin1')), ...files].join('\n');
    for (const secret of [BOT_TOKEN, SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), HOOK_SECRET, smtp.url, TOKEN]) {
      expect(everything.includes(secret), `a secret was found: ${secret.slice(0, 4)}…`).toBe(false);
    }
    expect(logLines.join('').length).toBeGreaterThan(0);
  });
});

/** The live data, refreshed when due (nobody else asks for it in these tests). */
async function dataOf(runtime: Runtime) {
  const view = await eventually(
    async () => {
      await runtime.store.refreshIfDue()?.catch(() => undefined);
      return runtime.store.view();
    },
    (current) => current.data !== null,
  );
  if (!view.data) throw new Error('no data from the simulator');
  return view.data;
}

function walk(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  } catch {
    return [];
  }
}

describe('two servers sharing one PostgreSQL database', async () => {
  const postgres = await postgresForTests('alerts on PostgreSQL');
  const redis = postgres ? await redisForTests('alerts on several servers') : null;
  if (!postgres || !redis) return;

  it('evaluate once and deliver each message once per channel (claims in the database)', async () => {
    const sim = await startSimulator({ token: TOKEN, live: false, timezone: 'Europe/Moscow' });
    const prefix = redis.prefix();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-alerts-pg-'));
    const clock = { now: Date.now() };
    const config = parseConfig({
      WAMM_TOKEN: TOKEN,
      WAMM_API_URL: sim.url,
      AUTH_DISABLED: '1',
      DATA_DIR: dataDir,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      ...channelsEnv(),
    });
    const overrides = { alertsNow: () => clock.now, alertTimers: false, alertChannelTimeoutMs: 1500 };
    const first = await createRuntime({ ...config, refreshSeconds: 1 }, overrides);
    const second = await createRuntime({ ...config, refreshSeconds: 1 }, overrides);
    try {
      await first.settings.save(withRules([rule({ id: 'critical', kind: 'critical_chats' })]), null);
      await second.settings.read();
      for (const runtime of [first, second]) await dataOf(runtime);
      const before = counts();
      const results = await Promise.all([first.alerts.evaluateOnce(), second.alerts.evaluateOnce()]);
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      await Promise.all([first.alerts.deliverDue(), second.alerts.deliverDue(), first.alerts.deliverDue(), second.alerts.deliverDue()]);
      expect(counts()).toEqual({ telegram: before.telegram + 1, email: before.email + 1, webhook: before.webhook + 1 });

      // Many deliveries claimed by both at once: each goes out exactly once.
      const payload = { text: 'load test', subject: 'load test', alert: null };
      for (let index = 0; index < 12; index++) await first.alerts.enqueue(`burst-${index}`, 'report', { webhook: payload, telegram: payload, email: payload });
      await second.alerts.enqueue('burst-0', 'report', { webhook: payload, telegram: payload, email: payload });
      await Promise.all([first.alerts.deliverDue(), second.alerts.deliverDue(), first.alerts.deliverDue(), second.alerts.deliverDue()]);
      await Promise.all([first.alerts.deliverDue(), second.alerts.deliverDue()]);
      expect(hook.received.filter((entry) => entry.body.text === 'load test')).toHaveLength(12);
      expect(bot.received.filter((entry) => entry.text === 'load test')).toHaveLength(12);
    } finally {
      await first.close();
      await second.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
