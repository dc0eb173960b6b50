import { describe, expect, it } from 'vitest';
import type { SimulatorHandle } from './server';
import { get, rows, useSimulator } from './test-client';

// The /__sim/ endpoints, as the e2e run drives a simulator in another process.

const sims = useSimulator();

function controlOf(sim: SimulatorHandle) {
  const base = `${sim.url.replace(/\/api2$/, '')}/__sim`;
  return {
    get: (path: string) => get(`${base}/${path}`),
    send: (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
      get(`${base}/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

describe('/__sim/ control endpoints', () => {
  it('reports health without a token', async () => {
    const control = controlOf(await sims.start());
    expect(await control.get('health')).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8', body: { ok: true } });
  });

  it('sets and clears a fault', async () => {
    const sim = await sims.start();
    const control = controlOf(sim);
    expect(await control.send('POST', 'fault', { kind: 'acc_not_authorized', methods: ['user_list'], times: 5 })).toMatchObject({ status: 200 });
    expect((await rows(sim, 'user_list')).err).toBe('acc not authorized');
    expect((await rows(sim, 'user_chats/0/0')).err).toBe(0);
    expect((await control.send('DELETE', 'fault')).status).toBe(200);
    expect((await rows(sim, 'user_list')).err).toBe(0);
  });

  it('switches data sets', async () => {
    const sim = await sims.start();
    const control = controlOf(sim);
    expect(await control.send('POST', 'dataset', { name: 'over900', unassigned: 20 })).toMatchObject({ status: 200, body: { ok: true, chats: 1200 } });
    const snapshot = (await control.get('snapshot')).body as { users: unknown[]; channels: unknown[]; chats: Array<{ user_id: unknown }> };
    expect(snapshot.chats).toHaveLength(1200);
    expect(snapshot.chats.filter((chat) => chat.user_id === '' || String(chat.user_id) === '0')).toHaveLength(20);
    expect(snapshot.channels).toHaveLength(3);
    expect((await control.send('POST', 'dataset', { name: 'empty' })).status).toBe(200);
    expect((await rows(sim, 'user_chats/0/0')).err).toBe('fail get data');
  });

  it('ticks the world and turns it live and frozen', async () => {
    const sim = await sims.start({ now: Date.now, tickMs: 20 });
    const control = controlOf(sim);
    const ids = () => sim.control.snapshot().chats.map((chat) => String(chat.chat_id)).join();
    const before = ids();
    expect((await control.send('POST', 'tick')).status).toBe(200);
    for (let i = 0; i < 5; i++) await control.send('POST', 'tick');
    expect(ids()).not.toBe(before);

    expect((await control.send('POST', 'live', { live: true })).status).toBe(200);
    const live = ids();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ids()).not.toBe(live);
    expect((await control.send('POST', 'live', { live: false })).status).toBe(200);
    const frozen = ids();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ids()).toBe(frozen);
  });

  it('counts calls per method and resets the counts', async () => {
    const sim = await sims.start();
    const control = controlOf(sim);
    await rows(sim, 'user_chats/0/0');
    await rows(sim, 'user_chats/8101/0');
    await rows(sim, 'user_list');
    await rows(sim, 'channel_list/active');
    expect((await control.get('stats')).body).toEqual({
      user_chats: 2,
      user_chats_all: 1,
      user_chats_per_user: 1,
      user_list: 1,
      channel_list: 1,
      contact_to_user: 0,
    });
    expect((await control.send('POST', 'stats/reset')).status).toBe(200);
    expect((await control.get('stats')).body).toMatchObject({ user_chats: 0, user_list: 0 });
  });

  it('answers a bad body with 400 and a message, an unknown endpoint with 404', async () => {
    const sim = await sims.start();
    const control = controlOf(sim);
    const cases: Array<[path: string, body: unknown, message: RegExp]> = [
      ['fault', { kind: 'nonsense' }, /kind/],
      ['fault', '{"kind":', /not valid JSON/],
      ['fault', undefined, /.+/],
      ['dataset', { name: 'huge' }, /name/],
      ['dataset', { name: 'over900', unassigned: 901 }, /unassigned/],
      ['dataset', { name: 'over900', unassigned: 'ten' }, /unassigned/],
      ['live', { live: 'yes' }, /live/],
    ];
    for (const [path, body, message] of cases) {
      const reply = await control.send('POST', path, body);
      expect(reply.status).toBe(400);
      expect((reply.body as { error: string }).error).toMatch(message);
    }
    expect((await control.get('nothing')).status).toBe(404);
    expect((await control.get('fault')).status).toBe(404);
    // A rejected body changed nothing.
    expect(sim.control.snapshot().chats.length).toBeLessThan(900);
  });
});
