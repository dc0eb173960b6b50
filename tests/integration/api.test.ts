import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chatsResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
  loadResponseSchema,
  versionResponseSchema,
  waitingResponseSchema,
} from '@/lib/api/response-schemas';
import type { ChatsResponse, LoadResponse } from '@/lib/load/types';
import { TOKEN, eventually, startApp, type App } from './harness';

// The truth, counted straight from the simulator's own data (wire shapes: ids as it sent them).
interface Truth {
  total: number;
  perUser: Map<string, number>;
  perChannel: Map<string, number>;
}
function truthOf(app: App): Truth {
  const { chats } = app.sim.control.snapshot();
  const perUser = new Map<string, number>();
  const perChannel = new Map<string, number>();
  for (const chat of chats) {
    const user = chat.user_id === '' || chat.user_id === null || chat.user_id === undefined ? '0' : String(chat.user_id);
    perUser.set(user, (perUser.get(user) ?? 0) + 1);
    perChannel.set(String(chat.api_id), (perChannel.get(String(chat.api_id)) ?? 0) + 1);
  }
  return { total: chats.length, perUser, perChannel };
}

const load = async (app: App, query = '') => {
  const response = await app.get(`/api/load${query}`);
  return { ...response, data: response.body as LoadResponse };
};

describe('GET /api/load against the simulator', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('answers with the documented shape, uncached', async () => {
    const response = await load(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(loadResponseSchema.parse(response.body)).toBeTruthy();
    expect(response.data).toMatchObject({ stale: false, complete: true, demo: false, upstreamError: null });
  });

  it('counts exactly the chats the upstream has, per operator and per channel', async () => {
    const truth = truthOf(app);
    const { data } = await load(app);
    expect(truth.total).toBeGreaterThan(100);
    expect(data.totals.openChats).toBe(truth.total);
    for (const row of data.byUser) expect(row.openChats, `operator ${row.userId}`).toBe(truth.perUser.get(row.userId) ?? 0);
    for (const row of data.byChannel) expect(row.openChats, `channel ${row.apiId}`).toBe(truth.perChannel.get(row.apiId) ?? 0);
    expect(data.byUser.reduce((sum, row) => sum + row.openChats, 0)).toBe(truth.total);
    expect(data.totals.operators).toBe([...truth.perUser.keys()].filter((id) => id !== '0').length);
    expect(data.ageBuckets.reduce((sum, bucket) => sum + bucket.openChats, 0)).toBe(truth.total - data.totals.undatedChats);
  });

  it('names operators and channels, and flags the channel that is not authorized', async () => {
    const { users, channels } = app.sim.control.snapshot();
    const { data } = await load(app);
    const anna = users.find((user) => !Number(user.deleted));
    expect(data.byUser.find((row) => row.userId === String(anna!.user_id))?.name).toBe(anna!.name);
    const unauthorized = data.byChannel.find((row) => row.state === 'notAuthorized');
    expect(unauthorized).toBeDefined();
    expect(unauthorized!.name).toBe(channels.find((channel) => String(channel.api_id) === unauthorized!.apiId)!.api_tag);
  });

  it('filters by channel: every operator, counted within the channel', async () => {
    const truth = truthOf(app);
    const [apiId, expected] = [...truth.perChannel.entries()][0]!;
    const { data } = await load(app, `?channel=${apiId}`);
    expect(data.filters).toEqual({ channel: apiId, user: null, team: null });
    expect(data.totals.openChats).toBe(expected);
    expect(data.byChannel.map((row) => row.apiId)).toEqual([apiId]);
    expect(data.byUser.reduce((sum, row) => sum + row.openChats, 0)).toBe(expected);
  });

  it('filters by operator: that operator alone', async () => {
    const truth = truthOf(app);
    const [userId, expected] = [...truth.perUser.entries()].find(([id]) => id !== '0')!;
    const { data } = await load(app, `?user=${userId}`);
    expect(data.byUser.map((row) => row.userId)).toEqual([userId]);
    expect(data.totals.openChats).toBe(expected);
  });

  it('takes an empty parameter as no filter', async () => {
    const { data } = await load(app, '?channel=&user=');
    expect(data.filters).toEqual({ channel: null, user: null, team: null });
    expect(data.totals.openChats).toBe(truthOf(app).total);
  });

  it.each([
    ['?channel=abc', 'channel'],
    ['?user=12x', 'user'],
    ['?user=1&user=2', 'user'],
    [`?channel=${'9'.repeat(30)}`, 'channel'],
  ])('rejects %s with a 400 that names the parameter', async (query, name) => {
    const response = await app.get(`/api/load${query}`);
    expect(response.status).toBe(400);
    const body = errorResponseSchema.parse(response.body);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message.startsWith(name)).toBe(true);
  });

  it('makes one upstream call for many simultaneous viewers', async () => {
    app.sim.control.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the next refresh is due
    await Promise.all(Array.from({ length: 100 }, (_, i) => app.get(i % 2 ? '/api/load' : '/api/load?channel=1')));
    const calls = app.sim.control.stats().user_chats;
    expect(calls).toBeLessThanOrEqual(1);
  });
});

describe('GET /api/chats', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('lists every chat oldest first with UTC times read from Moscow wall-clock dates', async () => {
    const response = await app.get('/api/chats');
    expect(response.status).toBe(200);
    const data = chatsResponseSchema.parse(response.body) as ChatsResponse;
    const { chats } = app.sim.control.snapshot();
    expect(data.chats).toHaveLength(chats.length);
    const ages = data.chats.filter((chat) => chat.ageSeconds !== null).map((chat) => chat.ageSeconds!);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    const wire = chats[0]!;
    const ours = data.chats.find((chat) => chat.chatId === String(wire.chat_id))!;
    // "2026-11-28 14:00:00" in Moscow is 11:00:00 UTC.
    const [date, time] = String(wire.date_msg).split(' ');
    const moscowAsUtc = Date.parse(`${date}T${time}Z`);
    expect(Date.parse(ours.lastMessageAt!)).toBe(moscowAsUtc - 3 * 3600_000);
  });

  it('filters by operator for the drill-down', async () => {
    const { data } = await load(app);
    const busiest = data.byUser.find((row) => row.userId !== '0')!;
    const response = await app.get(`/api/chats?user=${busiest.userId}`);
    const chats = (response.body as ChatsResponse).chats;
    expect(chats).toHaveLength(busiest.openChats);
    expect(chats.every((chat) => chat.userId === busiest.userId)).toBe(true);
  });
});

describe('GET /api/waiting', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('lists the longest-waiting chats with operator and channel, without customer names or phones', async () => {
    const response = await app.get('/api/waiting?limit=5&threshold=3600');
    expect(response.status).toBe(200);
    const data = waitingResponseSchema.parse(response.body);
    expect(data.chats).toHaveLength(5);
    const ages = data.chats.map((chat) => chat.ageSeconds!);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    const { data: load } = await (async () => ({ data: (await app.get('/api/load')).body as LoadResponse }))();
    expect(ages[0]).toBe(load.totals.oldestAgeSeconds);
    const overAnHour = load.ageBuckets.filter((bucket) => bucket.fromSeconds >= 3600).reduce((sum, bucket) => sum + bucket.openChats, 0);
    expect(data.overThreshold).toBe(overAnHour);
    expect(data.chats[0]!.operatorName === null || typeof data.chats[0]!.operatorName === 'string').toBe(true);
    const { chats } = app.sim.control.snapshot();
    for (const chat of chats) {
      expect(response.text).not.toContain(JSON.stringify(chat.phone));
      if (chat.chat_name.length > 3) expect(response.text).not.toContain(JSON.stringify(chat.chat_name));
    }
    expect(data.chats[0]).not.toHaveProperty('chatName');
  });

  it('shows names and phones only when asked', async () => {
    const data = waitingResponseSchema.parse((await app.get('/api/waiting?limit=2&names=1')).body);
    expect(data.chats[0]).toHaveProperty('chatName');
    expect(data.chats[0]).toHaveProperty('phone');
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=abc', 'limit'],
    ['?threshold=-5', 'threshold'],
    ['?names=yes', 'names'],
  ])('rejects %s naming the parameter', async (query, name) => {
    const response = await app.get(`/api/waiting${query}`);
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(response.body).error.message.startsWith(name)).toBe(true);
  });

  it('reports the running build for wall displays', async () => {
    const response = await app.get('/api/version');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(versionResponseSchema.parse(response.body).version).toBe(version);
  });
});

describe('when wamm.chat fails after a good fetch', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());
  afterEach(() => app.sim.control.clearFault());

  it.each([
    ['token_fail', 'token_fail'],
    ['http_500', 'bad_upstream_response'],
    ['html', 'bad_upstream_response'],
    ['malformed_json', 'bad_upstream_response'],
    ['hang', 'upstream_timeout'],
    ['reset', 'upstream_unavailable'],
  ] as const)('keeps the last good numbers, stale, on %s, and recovers by itself', async (kind, code) => {
    const before = await eventually(() => load(app), (r) => !r.data.stale);
    app.sim.control.setFault({ kind });
    const failing = await eventually(() => load(app), (r) => r.data.stale, 15_000);
    expect(failing.status).toBe(200);
    expect(failing.data.stale).toBe(true);
    expect(failing.data.upstreamError?.code).toBe(code);
    expect(failing.data.totals).toEqual(before.data.totals);
    expect(failing.data.asOf).toBe(before.data.asOf);

    const health = await app.get('/api/health');
    expect(healthResponseSchema.parse(health.body).status).toBe('degraded');

    app.sim.control.clearFault();
    const recovered = await eventually(() => load(app), (r) => !r.data.stale, 20_000);
    expect(recovered.data.upstreamError).toBeNull();
    expect(Date.parse(recovered.data.asOf)).toBeGreaterThan(Date.parse(before.data.asOf));
  });
});

describe('when wamm.chat fails before there is any data', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each([
    ['token_fail', 502, 'token_fail', 'wamm.chat rejected the API token (token fail): check WAMM_TOKEN'],
    ['acc_not_authorized', 502, 'acc_not_authorized', 'not authorized'],
    ['http_500', 502, 'bad_upstream_response', 'could not read'],
    ['html', 502, 'bad_upstream_response', 'HTML'],
    ['hang', 504, 'upstream_timeout', 'did not answer in time'],
  ] as const)('answers %s with %i and a sentence a supervisor understands', async (kind, status, code, words) => {
    app = await startApp();
    app.sim.control.setFault({ kind });
    const response = await app.get('/api/load');
    expect(response.status).toBe(status);
    const body = errorResponseSchema.parse(response.body);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(words);

    const health = await app.get('/api/health');
    expect(health.status).toBe(503);
    expect(healthResponseSchema.parse(health.body)).toMatchObject({ status: 'down', asOf: null });
  });
});

describe('data sets', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('counts every chat past the 900 cap by asking each operator', async () => {
    app = await startApp({ sim: { dataset: 'over900' } });
    const truth = truthOf(app);
    expect(truth.total).toBeGreaterThan(900);
    const { data } = await load(app);
    expect(data.complete).toBe(true);
    expect(data.totals.openChats).toBe(truth.total);
    for (const row of data.byUser) expect(row.openChats).toBe(truth.perUser.get(row.userId) ?? 0);
  });

  it('says the numbers are partial when unassigned chats may hide past the cap', async () => {
    app = await startApp({ sim: { dataset: 'over900' } });
    app.sim.control.setDataset('over900', { unassigned: 15 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { data } = await eventually(() => load(app!), (r) => !r.data.complete);
    expect(data.complete).toBe(false);
    expect(data.partialReason).toMatch(/900.*unassigned/);
  });

  it('says the numbers are partial when an operator cannot be asked past the cap', async () => {
    app = await startApp({ sim: { dataset: 'over900' } });
    await load(app);
    app.sim.control.setFault({ kind: 'http_500', methods: ['user_chats_per_user'] });
    const { data } = await eventually(() => load(app!), (r) => !r.data.complete, 15_000);
    expect(data.partialReason).toContain('could not be loaded');
    expect(data.totals.openChats).toBeLessThan(truthOf(app).total);
  });

  it('shows an empty team as zeros with every operator listed', async () => {
    app = await startApp({ sim: { dataset: 'empty' } });
    const { status, data } = await load(app);
    expect(status).toBe(200);
    expect(data.totals).toMatchObject({ openChats: 0, operators: 0, oldestAgeSeconds: null });
    expect(data.byUser.length).toBeGreaterThan(10);
    expect(data.byUser.every((row) => row.openChats === 0)).toBe(true);
  });

  it('reports dates in the future as a suspected wrong WAMM_TIMEZONE', async () => {
    // The simulator writes Moscow time (UTC+3); reading it as UTC puts the newest chats 3 h ahead.
    app = await startApp({ env: { WAMM_TIMEZONE: 'UTC' } });
    const health = await app.get('/api/health');
    const body = healthResponseSchema.parse(health.body);
    expect(body.status).toBe('degraded');
    expect(body.timezone).toMatchObject({ name: 'UTC', suspect: true });
    expect(body.timezone.message).toContain('about 3 h');
    const { data } = await load(app);
    expect(data.totals.openChats).toBe(truthOf(app).total);
  });

  it('is healthy against a well-behaved upstream', async () => {
    app = await startApp();
    const health = await app.get('/api/health');
    expect(health.status).toBe(200);
    expect(healthResponseSchema.parse(health.body)).toMatchObject({ status: 'ok', demo: false, stale: false, timezone: { suspect: false } });
  });
});

describe('the API token', () => {
  it('appears in no response of any route, in any state', async () => {
    const app = await startApp();
    try {
      for (const path of ['/api/load', '/api/chats', '/api/health', '/api/load?user=x', '/api/chats?channel=1']) await app.get(path);
      for (const kind of ['token_fail', 'html', 'http_500', 'hang'] as const) {
        app.sim.control.setFault({ kind });
        await eventually(() => load(app), (r) => r.data.stale, 15_000);
        for (const path of ['/api/load', '/api/chats', '/api/health']) await app.get(path);
        app.sim.control.clearFault();
        await eventually(() => load(app), (r) => !r.data.stale, 20_000);
      }
      const all = app.bodies.join('\n');
      expect(app.bodies.length).toBeGreaterThan(10);
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain(encodeURIComponent(TOKEN));
    } finally {
      await app.close();
    }
  }, 120_000);
});
