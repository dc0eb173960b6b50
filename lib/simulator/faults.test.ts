import { describe, expect, it } from 'vitest';
import { parseFault, type FaultKind } from './faults';
import { ENCODED_TOKEN, api, get, rows, useSimulator } from './test-client';

// Each fault as a client meets it over HTTP.

const sims = useSimulator();

describe('faults', () => {
  it.each([
    ['token_fail', { err: 'token fail' }],
    ['acc_not_authorized', { err: 'acc not authorized' }],
    ['fail_execution', { err: 'fail execution' }],
  ] as const)('%s answers wamm.chat’s own error with HTTP 200', async (kind, body) => {
    const sim = await sims.start();
    sim.control.setFault({ kind });
    expect(await api(sim, 'user_chats/0/0')).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body });
  });

  it('http_500 answers status 500 with a short body', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'http_500' });
    expect(await api(sim, 'user_list')).toMatchObject({ status: 500, body: 'Internal Server Error' });
  });

  it('html answers 200 with a proxy’s error page', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'html' });
    const reply = await api(sim, 'user_list');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('text/html; charset=utf-8');
    expect(String(reply.body)).toContain('<title>502 Bad Gateway</title>');
  });

  it('malformed_json answers 200 JSON that stops halfway', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'malformed_json' });
    const reply = await api(sim, 'user_chats/0/0');
    expect(reply.contentType).toBe('application/json; charset=utf-8');
    expect(typeof reply.body).toBe('string');
    expect(String(reply.body)).toMatch(/^\{"err":0,"data":\[/);
  });

  it('slow answers normally, after the delay', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'slow', delayMs: 300 });
    const started = performance.now();
    expect((await rows(sim, 'user_list')).err).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hang never answers, and close() ends the call promptly', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'hang' });
    let settled = false;
    const hanging = fetch(`${sim.url}/user_list/${ENCODED_TOKEN}`).then(
      () => 'answered',
      () => 'failed',
    );
    void hanging.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    const started = performance.now();
    await sim.close();
    expect(await hanging).toBe('failed');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('close() also ends a slow call still waiting', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'slow', delayMs: 60_000 });
    const waiting = fetch(`${sim.url}/user_list/${ENCODED_TOKEN}`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sim.close();
    expect(await waiting).toBe('failed');
  });

  it('clearing a hang ends the calls it held', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'hang' });
    const hanging = fetch(`${sim.url}/user_list/${ENCODED_TOKEN}`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    sim.control.clearFault();
    expect(await hanging).toBe('failed');
    expect((await rows(sim, 'user_list')).err).toBe(0);
  });

  it('reset drops the connection without an answer', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'reset' });
    await expect(fetch(`${sim.url}/user_list/${ENCODED_TOKEN}`)).rejects.toThrow();
  });

  it('hits only the methods named, telling the all-chats call from per-operator ones', async () => {
    const sim = await sims.start();
    const operator = sim.control.snapshot().users.find((user) => user.user_id === 8102)!;
    sim.control.setFault({ kind: 'fail_execution', methods: ['user_chats_per_user'] });
    expect((await rows(sim, 'user_chats/0/0')).err).toBe(0);
    expect((await rows(sim, 'user_list')).err).toBe(0);
    expect((await rows(sim, `user_chats/${operator.user_id}/0`)).err).toBe('fail execution');
    sim.control.setFault({ kind: 'fail_execution', methods: ['user_list'] });
    expect((await rows(sim, `user_chats/${operator.user_id}/0`)).err).toBe(0);
    expect((await rows(sim, 'user_list')).err).toBe('fail execution');
  });

  it('hits only the operators named: some of a team answering, some not', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'fail_execution', users: ['8102', '8105'] });
    expect((await rows(sim, 'user_chats/0/0')).err).toBe(0);
    expect((await rows(sim, 'user_list')).err).toBe(0);
    expect((await rows(sim, 'user_chats/8102/0')).err).toBe('fail execution');
    expect((await rows(sim, 'user_chats/8105/0')).err).toBe('fail execution');
    expect((await rows(sim, 'user_chats/8103/0')).err).not.toBe('fail execution');
    expect(parseFault({ kind: 'hang', users: ['8102', 'x'] }).ok).toBe(false);
  });

  it('clears itself after `times` matching calls', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'token_fail', methods: ['user_list'], times: 2 });
    expect((await rows(sim, 'user_chats/0/0')).err).toBe(0);
    expect((await rows(sim, 'user_list')).err).toBe('token fail');
    expect((await rows(sim, 'user_list')).err).toBe('token fail');
    expect((await rows(sim, 'user_list')).err).toBe(0);
  });

  it('gives `times` to exactly that many of the calls arriving together', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'slow', delayMs: 200, times: 1 });
    const started = performance.now();
    const finished = await Promise.all([0, 1, 2].map(() => rows(sim, 'user_list').then(() => performance.now() - started)));
    expect(finished.filter((ms) => ms >= 190)).toHaveLength(1);
  });

  it('still counts the calls it spoils', async () => {
    const sim = await sims.start();
    sim.control.setFault({ kind: 'http_500' });
    await api(sim, 'user_chats/0/0');
    await get(`${sim.url}/user_list/wrong`);
    expect(sim.control.stats()).toMatchObject({ user_chats: 1, user_chats_all: 1, user_list: 1 });
  });
});

describe('parseFault', () => {
  it('takes a well-formed fault and says what is wrong with a bad one', () => {
    expect(parseFault({ kind: 'slow', delayMs: 100, methods: ['user_chats_all'], times: 3 })).toEqual({
      ok: true,
      fault: { kind: 'slow', delayMs: 100, methods: ['user_chats_all'], times: 3 },
    });
    const bad: Array<[unknown, RegExp]> = [
      [{ kind: 'explode' as FaultKind }, /kind/],
      [{ kind: 'slow', delayMs: -1 }, /delayMs/],
      [{ kind: 'hang', methods: ['user_delete'] }, /methods/],
      [{ kind: 'reset', times: 0 }, /times/],
      [null, /object/],
    ];
    for (const [input, message] of bad) {
      const parsed = parseFault(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });
});
