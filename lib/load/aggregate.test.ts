import { describe, expect, it } from 'vitest';
import type { OpenChat } from '@/lib/model/team';
import { channel, openChat, operator } from '@/tests/support/team';
import { aggregate, prepareChats, type LoadDataset } from './aggregate';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

const chat = (chatId: string, operatorId: string, channelId: string, ageSeconds: number | null) => openChat(chatId, operatorId, channelId, ageSeconds, NOW);

const operators = [
  operator('1', 'Анна'),
  operator('2', 'Борис', { locked: true }),
  operator('3', 'Idle Ivan'),
  operator('4', 'Gone', { deleted: true }),
  operator('5', 'Gone, no chats', { deleted: true }),
];
const channels = [channel('10', 'WhatsApp'), channel('20', 'Telegram', 'tg', 'notAuthorized'), channel('30', 'Quiet', 'tg_bot')];

function dataset(raw: OpenChat[]): LoadDataset {
  const { chats } = prepareChats(raw, NOW);
  return { asOfMs: NOW, chats, operators, channels };
}

const sample = dataset([
  chat('a', '1', '10', 60), // lt5m
  chat('b', '1', '10', 600), // 5to15m
  chat('c', '1', '20', 7200), // 1to4h
  chat('d', '2', '20', 100_000), // gt24h
  chat('e', '0', '10', 1000), // 15to60m, unassigned
  chat('f', '4', '10', 20_000), // 4to24h, deleted operator
  chat('g', '99', '40', 30), // operator and channel unknown to the lists
  chat('h', '2', '10', null), // no usable date
]);

describe('aggregate', () => {
  it('counts totals over every open chat', () => {
    const { totals } = aggregate(sample, { channel: null, user: null });
    expect(totals).toEqual({
      openChats: 8,
      operators: 4, // 1, 2, 4, 99 — never the unassigned row
      channels: 3, // 10, 20, 40
      oldestAgeSeconds: 100_000,
      medianAgeSeconds: 1000, // dated ages 30 60 600 1000 7200 20000 100000
      undatedChats: 1,
    });
  });

  it('fills every age bucket and the buckets add up to the dated chats', () => {
    const { ageBuckets, totals } = aggregate(sample, { channel: null, user: null });
    expect(ageBuckets.map((bucket) => [bucket.key, bucket.openChats])).toEqual([
      ['lt5m', 2],
      ['5to15m', 1],
      ['15to60m', 1],
      ['1to4h', 1],
      ['4to24h', 1],
      ['gt24h', 1],
    ]);
    expect(ageBuckets.reduce((sum, bucket) => sum + bucket.openChats, 0)).toBe(totals.openChats - totals.undatedChats);
  });

  it('lists idle operators at 0, skips deleted ones without chats, keeps ids seen only on chats', () => {
    const { byUser } = aggregate(sample, { channel: null, user: null });
    const ids = byUser.map((row) => row.userId);
    expect(ids).toContain('3');
    expect(ids).not.toContain('5');
    expect(byUser.find((row) => row.userId === '3')).toMatchObject({ openChats: 0, oldestAgeSeconds: null, name: 'Idle Ivan' });
    expect(byUser.find((row) => row.userId === '4')).toMatchObject({ openChats: 1, deleted: true, name: 'Gone' });
    expect(byUser.find((row) => row.userId === '99')).toMatchObject({ openChats: 1, name: null });
    expect(byUser.find((row) => row.userId === '0')).toMatchObject({ openChats: 1, name: null });
    expect(byUser.find((row) => row.userId === '2')).toMatchObject({ openChats: 2, locked: true, buckets: [0, 0, 0, 0, 0, 1] });
  });

  it('sorts operators by load, heaviest first', () => {
    const { byUser } = aggregate(sample, { channel: null, user: null });
    expect(byUser[0]!.userId).toBe('1');
    const counts = byUser.map((row) => row.openChats);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('gives each operator the oldest age and bucket counts of their own chats', () => {
    const { byUser } = aggregate(sample, { channel: null, user: null });
    expect(byUser.find((row) => row.userId === '1')).toMatchObject({ openChats: 3, oldestAgeSeconds: 7200, buckets: [1, 1, 0, 1, 0, 0] });
  });

  it('lists every channel with names and state, quiet ones at 0, unknown ones by id', () => {
    const { byChannel } = aggregate(sample, { channel: null, user: null });
    expect(byChannel).toEqual([
      { apiId: '10', name: 'WhatsApp', type: 'whatsapp', state: 'authorized', openChats: 5 },
      { apiId: '20', name: 'Telegram', type: 'tg', state: 'notAuthorized', openChats: 2 },
      { apiId: '40', name: null, type: null, state: null, openChats: 1 },
      { apiId: '30', name: 'Quiet', type: 'tg_bot', state: 'authorized', openChats: 0 },
    ]);
  });

  it('with a channel filter, counts every operator within that channel', () => {
    const result = aggregate(sample, { channel: '20', user: null });
    expect(result.totals.openChats).toBe(2);
    expect(result.byChannel.map((row) => row.apiId)).toEqual(['20']);
    expect(result.byUser.find((row) => row.userId === '1')!.openChats).toBe(1);
    expect(result.byUser.find((row) => row.userId === '2')!.openChats).toBe(1);
    expect(result.byUser.find((row) => row.userId === '3')!.openChats).toBe(0);
    expect(result.totals.operators).toBe(2);
  });

  it('with an operator filter, holds that operator alone', () => {
    const result = aggregate(sample, { channel: null, user: '1' });
    expect(result.byUser.map((row) => row.userId)).toEqual(['1']);
    expect(result.totals).toMatchObject({ openChats: 3, operators: 1, channels: 2, oldestAgeSeconds: 7200, medianAgeSeconds: 600 });
    expect(result.byChannel.find((row) => row.apiId === '10')!.openChats).toBe(2);
  });

  it('answers a filter on an idle or unknown operator with a zero row, not an error', () => {
    const result = aggregate(sample, { channel: null, user: '777' });
    expect(result.byUser).toEqual([
      { userId: '777', name: null, locked: false, deleted: false, openChats: 0, oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] },
    ]);
    expect(result.totals).toMatchObject({ openChats: 0, oldestAgeSeconds: null, medianAgeSeconds: null });
  });

  it('filters the unassigned chats with user=0', () => {
    const result = aggregate(sample, { channel: null, user: '0' });
    expect(result.totals).toMatchObject({ openChats: 1, operators: 0 });
  });

  it('takes the mean of the middle two ages as the median of an even count', () => {
    const even = dataset([chat('a', '1', '10', 100), chat('b', '1', '10', 200), chat('c', '1', '10', 301), chat('d', '1', '10', 400)]);
    expect(aggregate(even, { channel: null, user: null }).totals.medianAgeSeconds).toBe(251);
  });

  it('is all zeros for an empty team', () => {
    const result = aggregate(dataset([]), { channel: null, user: null });
    expect(result.totals).toEqual({ openChats: 0, operators: 0, channels: 0, oldestAgeSeconds: null, medianAgeSeconds: null, undatedChats: 0 });
    expect(result.byUser.map((row) => [row.userId, row.openChats]).sort()).toEqual([['1', 0], ['2', 0], ['3', 0]]);
  });
});

describe('prepareChats', () => {
  it('sorts oldest first with undated chats last, and counts future dates as age 0', () => {
    const { chats, maxFutureSeconds } = prepareChats([chat('x', '1', '10', 5), chat('y', '1', '10', null), chat('z', '1', '10', -7200), chat('w', '1', '10', 50)], NOW);
    expect(chats.map((c) => c.chatId)).toEqual(['w', 'x', 'z', 'y']);
    expect(chats.find((c) => c.chatId === 'z')).toMatchObject({ ageSeconds: 0, bucket: 0 });
    expect(chats.find((c) => c.chatId === 'y')).toMatchObject({ ageSeconds: null, bucket: -1, lastMessageMs: null });
    expect(maxFutureSeconds).toBe(7200);
  });
});
