import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '@/lib/simulator';
import { USER_CHATS_CAP, createWammClient, type WammReader } from '@/lib/wamm/client';
import { WammError } from '@/lib/wamm/errors';
import type { OpenChat, Operator } from '@/lib/model/team';
import { operator } from '@/tests/support/team';
import { fetchAll } from './refresh';

// An in-memory wamm.chat that caps the all-chats answer like the real one.
function team(options: { operators: number; chatsPerOperator: number; unassigned?: number; failing?: Set<string>; unknown?: Set<string> }) {
  // Deleted operators are asked too.
  const users: Operator[] = Array.from({ length: options.operators }, (_, i) => operator(String(i + 1), `Operator ${i + 1}`, { deleted: i === 0 }));
  const chats: OpenChat[] = [];
  const add = (operatorId: string | null) =>
    chats.push({ chatId: String(chats.length + 1), chatName: '', phone: '', avatar: '', operatorId, channelId: '1', lastMessageMs: Date.UTC(2026, 10, 28, 7), group: false });
  for (let i = 0; i < (options.unassigned ?? 0); i++) add(null);
  for (const user of users) for (let i = 0; i < options.chatsPerOperator; i++) add(user.id);
  const calls: string[] = [];
  const client: WammReader = {
    async userChats(userId) {
      calls.push(userId ?? 'all');
      if (userId === undefined) return chats.slice(0, USER_CHATS_CAP);
      if (options.unknown?.has(userId)) throw new WammError('unknown_user', { method: 'user_chats' });
      if (options.failing?.has(userId)) throw new WammError('upstream_timeout', { method: 'user_chats' });
      return chats.filter((chat) => chat.operatorId === userId);
    },
    async userList() {
      return users;
    },
    async channelList() {
      return [];
    },
  };
  return { client, chats, calls };
}

const run = (client: WammReader) => fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: 0 });

describe('fetchAll and the 900-chat cap', () => {
  it('makes one call when the team has fewer than 900 chats', async () => {
    const { client, calls, chats } = team({ operators: 10, chatsPerOperator: 20 });
    const result = await run(client);
    expect(result).toMatchObject({ complete: true, partialReason: null });
    expect(result.chats).toHaveLength(chats.length);
    expect(calls).toEqual(['all']);
  });

  it('asks every operator when the answer is capped and counts every chat once', async () => {
    const { client, calls, chats } = team({ operators: 30, chatsPerOperator: 40 });
    expect(chats.length).toBe(1200);
    const result = await run(client);
    expect(result.complete).toBe(true);
    expect(result.chats).toHaveLength(1200);
    expect(new Set(result.chats.map((chat) => chat.chatId)).size).toBe(1200);
    expect(calls.filter((call) => call !== 'all')).toHaveLength(30);
  });

  it('takes "user_id fail" as an operator with nothing to give', async () => {
    const { client } = team({ operators: 30, chatsPerOperator: 40, unknown: new Set(['7']) });
    const result = await run(client);
    expect(result.complete).toBe(true);
  });

  it('says the totals are partial, and why, when an operator cannot be fetched', async () => {
    const { client } = team({ operators: 30, chatsPerOperator: 40, failing: new Set(['3', '30']) });
    const result = await run(client);
    expect(result.complete).toBe(false);
    expect(result.partialReason).toContain('2 operators');
    expect(result.partialReason).toContain('did not answer in time');
    expect(result.chats.length).toBeLessThan(1200);
  });

  it('warns that unassigned chats past the cap cannot be seen', async () => {
    const { client } = team({ operators: 30, chatsPerOperator: 40, unassigned: 12 });
    const result = await run(client);
    expect(result.complete).toBe(false);
    expect(result.partialReason).toContain('unassigned count (12)');
    expect(result.chats).toHaveLength(1212);
  });

  it('is partial when the operator list is missing and the answer is capped', async () => {
    const { client } = team({ operators: 30, chatsPerOperator: 40 });
    client.userList = async () => {
      throw new WammError('upstream_unavailable', { method: 'user_list' });
    };
    const warnings: string[] = [];
    const result = await fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: 0, onWarning: (w) => warnings.push(w) });
    expect(result.complete).toBe(false);
    expect(result.partialReason).toContain('operator list could not be loaded');
    expect(warnings[0]).toContain('operator list not refreshed');
  });

  it('keeps the previous names when the lists fail to refresh', async () => {
    const { client } = team({ operators: 3, chatsPerOperator: 1 });
    client.userList = async () => {
      throw new WammError('upstream_timeout', { method: 'user_list' });
    };
    const previous = { operators: [operator('1', 'Old')], channels: [], fetchedAtMs: 5 };
    const result = await fetchAll({ client, previousDirectory: previous, directoryDue: true, nowMs: 100 });
    expect(result.directory?.operators).toEqual(previous.operators);
    expect(result.directory?.fetchedAtMs).toBe(5);
  });

  it('fails the refresh when the chats call fails', async () => {
    const { client } = team({ operators: 3, chatsPerOperator: 1 });
    client.userChats = async () => {
      throw new WammError('token_fail', { method: 'user_chats' });
    };
    await expect(run(client)).rejects.toMatchObject({ code: 'token_fail' });
  });
});

describe('the per-operator calls past the cap, with operators that never answer', () => {
  let sim: SimulatorHandle | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('end at the deadline, and say in words whose chats did not arrive', async () => {
    sim = await startSimulator({ token: 'deadline-token', live: false, dataset: 'over900' });
    const { users, chats } = sim.control.snapshot();
    // A third of the team hangs: connections stay open, no answer ever comes.
    const hanging = users.filter((_, index) => index % 3 === 1).map((user) => String(user.user_id));
    sim.control.setFault({ kind: 'hang', users: hanging });
    // Each call alone would wait 10 s: on its own, the fan-out would take many of those.
    const client = createWammClient({ baseUrl: sim.url, token: 'deadline-token', timeoutMs: 10_000, timezone: 'Europe/Moscow' });

    const started = performance.now();
    const result = await fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: Date.now(), fanOutDeadlineMs: 1000 });
    const elapsedMs = performance.now() - started;

    // The deadline plus the first round of calls: nowhere near the 10 s one hanging call would cost.
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(elapsedMs).toBeLessThan(3000);
    expect(result.complete).toBe(false);
    expect(result.partial?.code).toBe('operators_timed_out');
    const missing = result.partial?.count ?? 0;
    // Every hanging operator is missing (asked and stuck, or never asked); those who answered are not.
    expect(missing).toBeGreaterThanOrEqual(hanging.length);
    expect(missing).toBeLessThan(users.length);
    expect(result.partialReason).toBe(
      `wamm.chat lists at most ${USER_CHATS_CAP} chats at once, and the chats of ${missing} operators did not arrive within 1 s, so the totals are too low.`,
    );
    // What did arrive is counted: more than the capped answer, fewer than the team really has.
    expect(result.chats.length).toBeGreaterThanOrEqual(USER_CHATS_CAP);
    expect(result.chats.length).toBeLessThan(chats.length);
  });

  it('gives up the calls still waiting at the deadline', async () => {
    sim = await startSimulator({ token: 'deadline-token', live: false, dataset: 'over900' });
    const everyone = sim.control.snapshot().users.map((user) => String(user.user_id));
    sim.control.setFault({ kind: 'hang', users: everyone });
    const client = createWammClient({ baseUrl: sim.url, token: 'deadline-token', timeoutMs: 10_000, timezone: 'Europe/Moscow' });
    const result = await fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: Date.now(), perUserConcurrency: 4, fanOutDeadlineMs: 300 });
    expect(result.partial).toEqual({ code: 'operators_timed_out', count: everyone.length, cap: USER_CHATS_CAP });
    expect(result.chats).toHaveLength(USER_CHATS_CAP);
    // Four were asked, all stuck; after the deadline nobody else is asked, and nothing is retried.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.control.stats().user_chats_per_user).toBe(4);
  });

  it('abandons the calls in flight and ignores what arrives after the deadline', async () => {
    const { client, chats } = team({ operators: 30, chatsPerOperator: 40 });
    const signals: AbortSignal[] = [];
    const late: Array<() => void> = [];
    client.userChats = (operatorId, options) => {
      if (operatorId === undefined) return Promise.resolve(chats.slice(0, USER_CHATS_CAP));
      signals.push(options!.signal!);
      // Answers only when released, and does not listen to its signal: a client that cannot be stopped.
      return new Promise((resolve) => late.push(() => resolve(chats.filter((chat) => chat.operatorId === operatorId))));
    };
    const result = await fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: 0, fanOutDeadlineMs: 50 });
    expect(result.partial).toEqual({ code: 'operators_timed_out', count: 30, cap: USER_CHATS_CAP });
    expect(signals.length).toBe(4);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    const counted = result.chats.length;
    for (const release of late) release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(result.chats).toHaveLength(counted);
  });
});

