import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResponseSchema } from '@/lib/api/response-schemas';
import type { ApplyResponse } from '@/lib/rebalance/responses';
import { GET as getMetrics } from '@/app/metrics/route';
import { eventually, startApp, type App } from './harness';

// GET /metrics over the real runtime and the simulator: the numbers are /api/load's, upstream
// failures are counted by code, moves by trigger and status, and nothing in it names a customer.

const METRICS_TOKEN = 'it-metrics-token-0123456789';
const HOST = { host: 'chatload.test' };

interface Scrape {
  status: number;
  headers: Headers;
  text: string;
  /** `name{labels}` → value, labels as Prometheus writes them; `name` alone without labels. */
  samples: Map<string, number>;
}

async function scrape(authorization: string | null = `Bearer ${METRICS_TOKEN}`): Promise<Scrape> {
  const response = await getMetrics(new Request('http://chatload.test/metrics', { headers: authorization ? { authorization } : {} }), undefined);
  const text = await response.text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return { status: response.status, headers: response.headers, text, samples };
}

describe('GET /metrics with METRICS_TOKEN set', () => {
  let app: App;
  const load = async () => loadResponseSchema.parse((await app.get('/api/load')).body);

  beforeAll(async () => {
    app = await startApp({ env: { METRICS_TOKEN } });
    // Two teams from the simulator's operators and channels, so the per-team numbers exist.
    const { users, channels } = app.sim.control.snapshot();
    const active = users.filter((user) => !user.deleted).map((user) => String(user.user_id));
    const teams = [
      { id: 'support', name: 'Поддержка', operatorIds: active.slice(0, 6), channelIds: [String(channels[0]!.api_id)] },
      { id: 'sales', name: 'Продажи', operatorIds: active.slice(6, 12), channelIds: [String(channels[1]!.api_id)] },
    ];
    const put = await app.request('PUT', '/api/settings', { version: 1, teams, capacity: { default: 3 } }, HOST);
    expect(put.status).toBe(200);
  });
  afterAll(() => app.close());

  it('says what /api/load says: totals, per channel, per team, and that the upstream is up', async () => {
    const body = await eventually(load, (value) => !value.stale && value.byTeam.length === 2);
    const { samples, status, headers } = await scrape();
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(samples.get('chatload_open_chats')).toBe(body.totals.openChats);
    expect(body.totals.openChats).toBeGreaterThan(0);
    expect(samples.get('chatload_chats_over_critical')).toBe(body.totals.overCriticalChats);
    expect(samples.get('chatload_operators_over_capacity')).toBe(body.totals.overCapacityOperators);
    expect(body.totals.overCapacityOperators).toBeGreaterThan(0);
    for (const channel of body.byChannel) expect(samples.get(`chatload_channel_open_chats{channel="${channel.apiId}"}`)).toBe(channel.openChats);
    for (const team of body.byTeam) expect(samples.get(`chatload_team_open_chats{team="${team.teamId}"}`)).toBe(team.openChats);
    expect(samples.get('chatload_upstream_up')).toBe(1);
    expect(samples.get('chatload_data_partial')).toBe(0);
    expect(samples.get('chatload_data_age_seconds')).toBeLessThan(10);
    expect(samples.get('chatload_upstream_request_duration_seconds_count{method="user_chats"}')).toBeGreaterThan(0);
    expect(samples.get('chatload_instance_role{role="alone"}')).toBe(1);
    expect([...samples.keys()].some((name) => name.startsWith('chatload_process_') || name.startsWith('chatload_nodejs_'))).toBe(true);
  });

  it('names no customer, no phone and no operator: channels, teams and operators by id only', async () => {
    await eventually(load, (value) => !value.stale);
    const { text } = await scrape();
    const { chats, users, channels } = app.sim.control.snapshot();
    expect(chats.length).toBeGreaterThan(20);
    const words = [
      ...chats.flatMap((chat) => [chat.chat_name, chat.phone]),
      ...users.map((user) => user.name),
      ...channels.flatMap((channel) => [channel.api_tag, channel.phone]),
      'Поддержка',
      'Продажи',
    ].filter((word) => typeof word === 'string' && word.length > 3);
    for (const word of words) expect(text, `the scrape contains "${word}"`).not.toContain(word);
  });

  it('counts failed upstream requests by code, and says the upstream is down until it answers again', async () => {
    const before = await scrape();
    app.sim.control.setFault({ kind: 'token_fail' });
    try {
      await app.runtime.store.refreshNow();
      const failing = await scrape();
      expect(failing.samples.get('chatload_upstream_up')).toBe(0);
      expect(failing.samples.get('chatload_upstream_errors_total{code="token_fail"}') ?? 0).toBeGreaterThan(before.samples.get('chatload_upstream_errors_total{code="token_fail"}') ?? 0);
      expect(failing.samples.get('chatload_data_stale')).toBe(1);
      // The last good numbers are still shown, and still reported.
      expect(failing.samples.get('chatload_open_chats')).toBe(before.samples.get('chatload_open_chats'));
      expect(failing.samples.get('chatload_refresh_duration_seconds_count{result="failed"}')).toBeGreaterThan(0);
    } finally {
      app.sim.control.clearFault();
    }
    await app.runtime.store.refreshNow();
    const recovered = await scrape();
    expect(recovered.samples.get('chatload_upstream_up')).toBe(1);
    expect(recovered.samples.get('chatload_data_stale')).toBe(0);
  });

  it('counts moves by trigger and status', async () => {
    await eventually(load, (value) => !value.stale);
    const { chats, users } = app.sim.control.snapshot();
    const chat = chats.find((entry) => !entry.phone.endsWith('@g.us') && String(entry.user_id) !== '0' && entry.user_id !== '')!;
    const to = users.find((user) => !user.lock && !user.deleted && String(user.user_id) !== String(chat.user_id))!;
    const move = { chatId: String(chat.chat_id), toUserId: String(to.user_id), fromUserId: String(chat.user_id) };
    const moved = (await app.request('POST', '/api/rebalance/apply', { moves: [move] }, HOST)).body as ApplyResponse;
    expect(moved.results[0]?.status).toBe('moved');
    const again = (await app.request('POST', '/api/rebalance/apply', { moves: [move] }, HOST)).body as ApplyResponse;
    expect(again.results[0]?.status).toBe('skipped');
    const { samples } = await scrape();
    expect(samples.get('chatload_moves_total{trigger="manual",status="moved"}')).toBe(1);
    expect(samples.get('chatload_moves_total{trigger="manual",status="skipped"}')).toBe(1);
    expect(samples.get('chatload_upstream_request_duration_seconds_count{method="contact_to_user"}')).toBe(1);
  });

  it('counts alert deliveries reported to it', async () => {
    app.runtime.metrics.alertDelivered('webhook', 'sent');
    app.runtime.metrics.alertDelivered('webhook', 'failed');
    app.runtime.metrics.alertDelivered('webhook', 'sent');
    const { samples } = await scrape();
    expect(samples.get('chatload_alert_deliveries_total{channel="webhook",status="sent"}')).toBe(2);
    expect(samples.get('chatload_alert_deliveries_total{channel="webhook",status="failed"}')).toBe(1);
  });

  it('answers 401 with a sentence without the token, or with another one', async () => {
    for (const authorization of [null, 'Bearer not-the-metrics-token', `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const refused = await scrape(authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(JSON.parse(refused.text)).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/bearer token.*\.$/) } });
      expect(refused.text).not.toContain('chatload_');
    }
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('does not exist, whatever is sent', async () => {
    for (const authorization of [null, `Bearer ${METRICS_TOKEN}`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('chatload_');
    }
  });
});
