import { describe, expect, it } from 'vitest';
import { USER_CHATS_CAP, type WammClient } from '@/lib/wamm/client';
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
  const client: WammClient = {
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

const run = (client: WammClient) => fetchAll({ client, previousDirectory: null, directoryDue: true, nowMs: 0 });

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
