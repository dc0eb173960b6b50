import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, historyResponseSchema, snapshotListSchema, snapshotResponseSchema, snapshotSummarySchema } from '@/lib/api/response-schemas';
import type { ChatsResponse, LoadResponse } from '@/lib/load/types';
import type { HistoryResponse, SnapshotListResponse, SnapshotResponse, SnapshotSummaryBody } from '@/lib/snapshots/types';
import { parseCsv } from '@/tests/support/csv';
import { TOKEN, eventually, startApp, type App } from './harness';

// Snapshots and history through the real route handlers, a real SQLite file and the simulator.

const liveLoad = async (app: App, query = '') => (await app.get(`/api/load${query}`)).body as LoadResponse;

describe('snapshots', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('freeze the numbers of the moment: the live view moves on, the snapshot does not', async () => {
    const before = await liveLoad(app);
    const saved = await app.request('POST', '/api/snapshots', { label: 'Вечерняя смена, "ночь"' });
    expect(saved.status).toBe(201);
    const summary = snapshotSummarySchema.parse(saved.body);
    expect(saved.headers.get('location')).toBe(`/api/snapshots/${summary.id}`);
    expect(summary).toMatchObject({ label: 'Вечерняя смена, "ночь"', trigger: 'manual', openChats: before.totals.openChats, asOf: before.asOf });

    // The team changes: the live numbers follow, the snapshot keeps every row it had.
    app.sim.control.setDataset('empty');
    const after = await eventually(() => liveLoad(app), (body) => body.totals.openChats === 0);
    expect(after.totals.openChats).toBe(0);
    const opened = await app.get(`/api/snapshots/${summary.id}`);
    expect(opened.status).toBe(200);
    const body = snapshotResponseSchema.parse(opened.body) as SnapshotResponse;
    expect(body.load.totals).toEqual(before.totals);
    expect(body.load.byUser).toEqual(before.byUser);
    expect(body.load.byChannel).toEqual(before.byChannel);
    expect(body.load.ageBuckets).toEqual(before.ageBuckets);
    expect(body.load.asOf).toBe(before.asOf);

    // Its drill-down lists the chats as they were.
    const busiest = before.byUser.filter((row) => row.userId !== '0').sort((a, b) => b.openChats - a.openChats)[0]!;
    const chats = (await app.get(`/api/snapshots/${summary.id}/chats?user=${busiest.userId}`)).body as ChatsResponse;
    expect(chats.chats).toHaveLength(busiest.openChats);
    expect(chats.chats.every((chat) => chat.userId === busiest.userId)).toBe(true);
    app.sim.control.setDataset('demo');
  });

  it('keep the filters in force, and their numbers', async () => {
    const live = await eventually(() => liveLoad(app), (body) => body.totals.openChats > 0);
    const channel = live.byChannel.find((row) => row.openChats > 0)!;
    const filtered = await liveLoad(app, `?channel=${channel.apiId}`);
    const saved = (await app.request('POST', '/api/snapshots', { channel: channel.apiId })).body as SnapshotSummaryBody;
    expect(saved).toMatchObject({ filters: { channel: channel.apiId, user: null }, openChats: channel.openChats, label: null });
    const opened = (await app.get(`/api/snapshots/${saved.id}`)).body as SnapshotResponse;
    expect(opened.load.filters).toEqual({ channel: channel.apiId, user: null, team: null });
    expect(opened.load.totals).toEqual(filtered.totals);
    // A drill-down inside it stays within its channel.
    const chats = (await app.get(`/api/snapshots/${saved.id}/chats`)).body as ChatsResponse;
    expect(chats.chats).toHaveLength(channel.openChats);
    expect(chats.chats.every((chat) => chat.apiId === channel.apiId)).toBe(true);
  });

  it('are listed newest first, and a deleted one is gone for good', async () => {
    const first = (await app.request('POST', '/api/snapshots', { label: 'first' })).body as SnapshotSummaryBody;
    const second = (await app.request('POST', '/api/snapshots', { label: 'second' })).body as SnapshotSummaryBody;
    const list = snapshotListSchema.parse((await app.get('/api/snapshots')).body) as SnapshotListResponse;
    const ids = list.snapshots.map((snapshot) => snapshot.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));

    expect((await app.request('DELETE', `/api/snapshots/${first.id}`)).status).toBe(204);
    const gone = await app.get(`/api/snapshots/${first.id}`);
    expect(gone.status).toBe(404);
    expect(errorResponseSchema.parse(gone.body).error.code).toBe('not_found');
    expect((await app.request('DELETE', `/api/snapshots/${first.id}`)).status).toBe(404);
    const listed = ((await app.get('/api/snapshots')).body as SnapshotListResponse).snapshots.map((snapshot) => snapshot.id);
    expect(listed).not.toContain(first.id);
    expect(listed).toContain(second.id);
  });

  it('have ids nobody can guess from another, and unknown or malformed ids are a 404', async () => {
    const a = (await app.request('POST', '/api/snapshots', {})).body as SnapshotSummaryBody;
    const b = (await app.request('POST', '/api/snapshots', {})).body as SnapshotSummaryBody;
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '..%2F..%2Fetc', "1' OR '1'='1"]) {
      const response = await app.get(`/api/snapshots/${encodeURIComponent(id)}`);
      expect(response.status, id).toBe(404);
    }
  });

  it('refuse a bad body with a 400 that names the field, and save nothing', async () => {
    const count = async () => ((await app.get('/api/snapshots')).body as SnapshotListResponse).snapshots.length;
    const before = await count();
    const cases: Array<[unknown, RegExp, Record<string, string>?]> = [
      [{ label: 'x'.repeat(101) }, /^label/],
      [{ label: 42 }, /^label/],
      [{ channel: 'abc' }, /^channel/],
      [{ user: '12; drop' }, /^user/],
      [{ color: 'red' }, /label, channel, user, team and showPhones/],
      ['not json', /not valid JSON/],
      [[1, 2], /JSON object/],
      ['{"label":"x"}', /Content-Type: application\/json/, { 'content-type': 'text/plain' }],
    ];
    for (const [body, message, headers] of cases) {
      const response = await app.request('POST', '/api/snapshots', body, headers);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorResponseSchema.parse(response.body).error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('are still there after a restart on the same data directory', async () => {
    const saved = (await app.request('POST', '/api/snapshots', { label: 'kept' })).body as SnapshotSummaryBody;
    const original = (await app.get(`/api/snapshots/${saved.id}`)).body as SnapshotResponse;
    const again = await startApp({ env: { DATA_DIR: app.dataDir } });
    try {
      const reopened = await again.get(`/api/snapshots/${saved.id}`);
      expect(reopened.status).toBe(200);
      expect((reopened.body as SnapshotResponse).load).toEqual(original.load);
    } finally {
      await again.close();
    }
    // The first app's runtime was replaced: bring it back for the tests after this one.
    await app.close();
    app = await startApp();
  });

  it('export exactly their own numbers, in every format, whatever the live data does meanwhile', async () => {
    const saved = (await app.request('POST', '/api/snapshots', { label: 'export' })).body as SnapshotSummaryBody;
    const snapshot = (await app.get(`/api/snapshots/${saved.id}`)).body as SnapshotResponse;
    app.sim.control.tick();
    app.sim.control.tick();

    const csv = await app.get(`/api/snapshots/${saved.id}/export?format=csv&rows=chats`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="chatload-\d{4}-\d\d-\d\dT\d{4}-.*chats\.csv"$/);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A header and one record per chat (names with newlines are quoted: records, not lines).
    const records = parseCsv(csv.text.slice(1), ',');
    expect(records.length - 1).toBe(snapshot.load.totals.openChats);
    expect(new Set(records.map((record) => record.length)).size).toBe(1);
    const json = (await app.get(`/api/snapshots/${saved.id}/export?format=json`)).body as { totals: unknown; chats: unknown[]; operators: unknown[] };
    expect(json.totals).toEqual(snapshot.load.totals);
    expect(json.chats).toHaveLength(snapshot.load.totals.openChats);

    const operators = parseCsv((await app.get(`/api/snapshots/${saved.id}/export?format=csv&rows=operators&sep=;`)).text.slice(1), ';');
    expect(operators.length - 1).toBe(snapshot.load.byUser.length);
    const open = operators[0]!.findIndex((name) => /open chats/i.test(name));
    expect(operators.slice(1).reduce((sum, record) => sum + Number(record[open]), 0)).toBe(snapshot.load.totals.openChats);

    const xlsx = await app.get(`/api/snapshots/${saved.id}/export?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('export the live view under its filters, and refuse a bad format or separator by name', async () => {
    const live = await liveLoad(app);
    const channel = live.byChannel.find((row) => row.openChats > 0)!;
    const json = (await app.get(`/api/export?format=json&channel=${channel.apiId}`)).body as { chats: Array<{ channelId: string }>; filters: unknown };
    expect(json.chats).toHaveLength(channel.openChats);
    for (const [query, message] of [
      ['format=pdf', /^format must be csv, xlsx or json/],
      ['', /^format/],
      ['format=csv&sep=|', /^sep must be , or ;/],
      ['format=csv&rows=everything', /^rows must be chats or operators/],
      ['format=csv&user=x', /^user must be/],
    ] as const) {
      const response = await app.get(`/api/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(errorResponseSchema.parse(response.body).error.message, query).toMatch(message);
    }
    expect((await app.get('/api/snapshots/AAAAAAAAAAAAAAAAAAAAAA/export?format=csv')).status).toBe(404);
  });

  it('are taken by the server on schedule, of the whole team', async () => {
    expect(await app.runtime.jobs.takeScheduledSnapshot()).toBe(true);
    const newest = ((await app.get('/api/snapshots?limit=1')).body as SnapshotListResponse).snapshots[0]!;
    // Read after: a scheduled snapshot refreshes first when a refresh is due, so the live numbers
    // read before it may be a window older than the snapshot (the simulated team is still).
    const live = await liveLoad(app);
    expect(newest).toMatchObject({ trigger: 'scheduled', label: null, filters: { channel: null, user: null }, openChats: live.totals.openChats });
  });

  it('never carry the token in any body', () => {
    for (const body of app.bodies) expect(body).not.toContain(TOKEN);
  });
});

describe('history', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('records the load of the team, each operator and each channel, and answers trends from it', async () => {
    const live = await liveLoad(app);
    expect(await app.runtime.jobs.sampleHistory()).toBe(true);
    const response = await app.get('/api/history?by=total');
    expect(response.status).toBe(200);
    const total = historyResponseSchema.parse(response.body) as HistoryResponse;
    expect(total.series).toHaveLength(1);
    const recorded = total.series[0]!.points.filter((point) => point.samples > 0);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ openChats: live.totals.openChats, oldestAgeSeconds: live.totals.oldestAgeSeconds });
    // Every other step of the 24 h is a gap, not a zero: nothing was recorded there.
    expect(total.series[0]!.points.filter((point) => point.samples === 0).every((point) => point.openChats === null)).toBe(true);

    const busiest = live.byUser.filter((row) => row.userId !== '0').sort((a, b) => b.openChats - a.openChats)[0]!;
    const operator = (await app.get(`/api/history?by=operator&id=${busiest.userId}`)).body as HistoryResponse;
    expect(operator.series.map((series) => series.id)).toEqual([busiest.userId]);
    expect(operator.series[0]!.points.find((point) => point.samples > 0)?.openChats).toBe(busiest.openChats);

    const channels = (await app.get('/api/history?by=channel')).body as HistoryResponse;
    const counted = channels.series.map((series) => series.points.find((point) => point.samples > 0)?.openChats ?? 0);
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(live.totals.openChats);
  });

  it('records nothing while wamm.chat fails: a gap, not the old numbers again', async () => {
    app.sim.control.setFault({ kind: 'http_500' });
    await eventually(() => liveLoad(app), (body) => body.stale);
    expect(await app.runtime.jobs.sampleHistory()).toBe(false);
    app.sim.control.clearFault();
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: Array<[string, RegExp]> = [
      ['?by=teams', /^by must be total, operator, channel or team/],
      ['?from=yesterday', /^from must be a time/],
      ['?to=2026-13-45', /^to must be a time/],
      ['?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z', /^from must be before to/],
      ['?from=2026-01-01T00:00:00Z&to=2026-11-28T00:00:00Z', /at most 31 days/],
      ['?by=operator&id=abc', /^id must be/],
    ];
    for (const [query, message] of cases) {
      const response = await app.get(`/api/history${query}`);
      expect(response.status, query).toBe(400);
      expect(errorResponseSchema.parse(response.body).error.message, query).toMatch(message);
    }
  });
});
