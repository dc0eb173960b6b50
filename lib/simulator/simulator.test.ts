import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from './index';
import { formatWallClock } from '@/lib/time/wall-clock';

// The simulator over real HTTP, as the app and the tests use it.

const TOKEN = 'e2e+secret=Token/9';
let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function call(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim!.url}/${path}`);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML and broken JSON stay text
  }
  return { status: response.status, body };
}
const t = encodeURIComponent(TOKEN);
type Rows = { err: number | string; data?: Array<Record<string, unknown>> };

describe('wamm.chat simulator', () => {
  it('accepts the URL-encoded token and rejects any other like wamm.chat does', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    expect(((await call(`user_chats/${t}/0/0`)).body as Rows).err).toBe(0);
    expect(await call('user_chats/wrong/0/0')).toEqual({ status: 200, body: { err: 'token fail' } });
  });

  it('has a believable demo team: every age bucket, idle, locked and deleted operators, a channel not authorized', async () => {
    const now = Date.UTC(2026, 10, 28, 12);
    sim = await startSimulator({ token: TOKEN, live: false, now: () => now });
    const { users, channels, chats } = sim.control.snapshot();
    expect(users.length).toBeGreaterThanOrEqual(20);
    expect(users.some((user) => user.lock === 1)).toBe(true);
    expect(users.some((user) => user.deleted === 1)).toBe(true);
    expect(channels.some((channel) => channel.state === 'notAuthorized')).toBe(true);
    expect(chats.length).toBeGreaterThan(200);
    expect(chats.some((chat) => chat.user_id === '' || chat.user_id === '0')).toBe(true);
    expect(chats.some((chat) => typeof chat.chat_id === 'number')).toBe(true);
    expect(chats.some((chat) => typeof chat.chat_id === 'string')).toBe(true);
    const withChats = new Set(chats.map((chat) => String(chat.user_id)));
    expect(users.some((user) => !withChats.has(String(user.user_id)) && !user.deleted)).toBe(true);
    expect(users.some((user) => user.deleted === 1 && withChats.has(String(user.user_id)))).toBe(true);

    const limits = [300, 900, 3600, 14_400, 86_400, Infinity];
    const counts = new Array(6).fill(0);
    for (const chat of chats) {
      const [date, time] = chat.date_msg.split(' ');
      const age = (now - (Date.parse(`${date}T${time}Z`) - 3 * 3600_000)) / 1000;
      counts[limits.findIndex((limit) => age < limit)]++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(0);
  });

  it('is the same team for the same seed', async () => {
    const now = () => Date.UTC(2026, 10, 28, 12);
    sim = await startSimulator({ token: TOKEN, live: false, seed: 7, now });
    const first = sim.control.snapshot();
    await sim.close();
    sim = await startSimulator({ token: TOKEN, live: false, seed: 7, now });
    expect(sim.control.snapshot()).toEqual(first);
  });

  it('writes date_msg as wall-clock time in its zone', () => {
    const instant = Date.UTC(2026, 10, 28, 21, 30, 5);
    expect(formatWallClock(instant, 'Europe/Moscow')).toBe('2026-11-29 00:30:05');
    expect(formatWallClock(instant, 'UTC')).toBe('2026-11-28 21:30:05');
  });

  it('caps the all-chats answer at 900 and answers per operator in full', async () => {
    sim = await startSimulator({ token: TOKEN, live: false, dataset: 'over900' });
    const all = (await call(`user_chats/${t}/0/0`)).body as Rows;
    expect(all.data).toHaveLength(900);
    const { chats, users } = sim.control.snapshot();
    expect(chats.length).toBeGreaterThan(900);
    let sum = 0;
    for (const user of users) {
      const answer = (await call(`user_chats/${t}/${user.user_id}/0`)).body as Rows;
      sum += answer.err === 0 ? answer.data!.length : 0;
    }
    expect(sum).toBe(chats.length);
    expect(sim.control.stats()).toMatchObject({ user_chats: users.length + 1, user_chats_all: 1, user_chats_per_user: users.length });
  });

  it('answers an unknown operator with "user_id fail" and an empty list with "fail get data"', async () => {
    sim = await startSimulator({ token: TOKEN, live: false, dataset: 'empty' });
    expect((await call(`user_chats/${t}/999999/0`)).body).toEqual({ err: 'user_id fail' });
    expect((await call(`user_chats/${t}/0/0`)).body).toEqual({ err: 'fail get data' });
    expect((await call(`channel_list/${t}/archive`)).body).toEqual({ err: 'fail get data' });
    expect(((await call(`channel_list/${t}/active`)).body as Rows).data).toHaveLength(3);
  });

  it.each([
    ['token_fail', { status: 200, body: { err: 'token fail' } }],
    ['acc_not_authorized', { status: 200, body: { err: 'acc not authorized' } }],
    ['fail_execution', { status: 200, body: { err: 'fail execution' } }],
    ['http_500', { status: 500, body: 'Internal Server Error' }],
  ] as const)('injects %s', async (kind, expected) => {
    sim = await startSimulator({ token: TOKEN, live: false });
    sim.control.setFault({ kind });
    expect(await call(`user_chats/${t}/0/0`)).toEqual(expected);
  });

  it('injects an HTML page and broken JSON', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    sim.control.setFault({ kind: 'html' });
    expect(String((await call(`user_list/${t}`)).body)).toContain('<html>');
    sim.control.setFault({ kind: 'malformed_json' });
    expect(typeof (await call(`user_list/${t}`)).body).toBe('string');
  });

  it('limits a fault to some methods and to a number of calls', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    sim.control.setFault({ kind: 'token_fail', methods: ['user_list'], times: 2 });
    expect(((await call(`user_chats/${t}/0/0`)).body as Rows).err).toBe(0);
    expect((await call(`user_list/${t}`)).body).toEqual({ err: 'token fail' });
    expect((await call(`user_list/${t}`)).body).toEqual({ err: 'token fail' });
    expect(((await call(`user_list/${t}`)).body as Rows).err).toBe(0);
  });

  it('answers slowly, hangs until closed, and drops connections', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    sim.control.setFault({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    await call(`user_list/${t}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    sim.control.setFault({ kind: 'hang' });
    const hanging = fetch(`${sim.url}/user_list/${t}`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sim.close();
    expect(await hanging).toBe('failed');

    sim = await startSimulator({ token: TOKEN, live: false });
    sim.control.setFault({ kind: 'reset' });
    await expect(fetch(`${sim.url}/user_list/${t}`)).rejects.toThrow();
  });

  it('changes over time when live: chats arrive, close and get new messages', async () => {
    let now = Date.UTC(2026, 10, 28, 12);
    sim = await startSimulator({ token: TOKEN, live: false, now: () => now });
    const before = sim.control.snapshot().chats;
    for (let i = 0; i < 20; i++) {
      now += 5000;
      sim.control.tick();
    }
    const after = sim.control.snapshot().chats;
    const ids = (chats: typeof before) => new Set(chats.map((chat) => String(chat.chat_id)));
    expect([...ids(after)].some((id) => !ids(before).has(id))).toBe(true);
    expect([...ids(before)].some((id) => !ids(after).has(id))).toBe(true);
    expect(Math.abs(after.length - before.length)).toBeLessThan(60);
  });

  it('moves a chat to another operator with contact_to_user', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    const { chats, users } = sim.control.snapshot();
    const chat = chats.find((candidate) => candidate.user_id !== '' && candidate.user_id !== '0')!;
    const target = users.find((user) => !user.lock && !user.deleted && String(user.user_id) !== String(chat.user_id))!;
    expect((await call(`contact_to_user/${t}/${encodeURIComponent(chat.phone)}/${target.user_id}`)).body).toEqual({ err: 0, result: 'success' });
    const moved = sim.control.snapshot().chats.find((candidate) => String(candidate.chat_id) === String(chat.chat_id))!;
    expect(String(moved.user_id)).toBe(String(target.user_id));
    const locked = users.find((user) => user.lock === 1)!;
    expect((await call(`contact_to_user/${t}/${encodeURIComponent(chat.phone)}/${locked.user_id}`)).body).toEqual({ err: 'user not active' });
    expect((await call(`contact_to_user/${t}/00000/${target.user_id}`)).body).toEqual({ err: 'not found' });
  });

  it('is driven over HTTP through /__sim/', async () => {
    sim = await startSimulator({ token: TOKEN, live: false });
    const base = sim.url.replace(/\/api2$/, '');
    const post = (path: string, body: unknown) =>
      fetch(`${base}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('fault', { kind: 'nonsense' })).status).toBe(400);
    expect((await post('fault', { kind: 'token_fail' })).status).toBe(200);
    expect(((await call(`user_list/${t}`)).body as Rows).err).toBe('token fail');
    expect((await fetch(`${base}/__sim/fault`, { method: 'DELETE' })).status).toBe(200);
    expect((await post('dataset', { name: 'over900', unassigned: 20 })).status).toBe(200);
    const snapshot = (await (await fetch(`${base}/__sim/snapshot`)).json()) as { chats: unknown[] };
    expect(snapshot.chats.length).toBe(1200);
    const stats = (await (await fetch(`${base}/__sim/stats`)).json()) as Record<string, number>;
    expect(stats.user_list).toBe(1);
  });
});
