import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
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
    const { totals } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
    expect(totals).toEqual({
      openChats: 8,
      operators: 4, // 1, 2, 4, 99 — never the unassigned row
      channels: 3, // 10, 20, 40
      oldestAgeSeconds: 100_000,
      medianAgeSeconds: 1000, // dated ages 30 60 600 1000 7200 20000 100000
      undatedChats: 1,
      capacity: 0, // nobody has been active in wamm.chat: nobody is available
      overCapacityOperators: 0,
      overWarningChats: 5, // 5 min or older: 600 1000 7200 20000 100000
      overCriticalChats: 4, // 15 min or older
    });
  });

  it('fills every age bucket and the buckets add up to the dated chats', () => {
    const { ageBuckets, totals } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
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
    const { byUser } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
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
    const { byUser } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
    expect(byUser[0]!.userId).toBe('1');
    const counts = byUser.map((row) => row.openChats);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('gives each operator the oldest age and bucket counts of their own chats', () => {
    const { byUser } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
    expect(byUser.find((row) => row.userId === '1')).toMatchObject({ openChats: 3, oldestAgeSeconds: 7200, buckets: [1, 1, 0, 1, 0, 0] });
  });

  it('lists every channel with names and state, quiet ones at 0, unknown ones by id', () => {
    const { byChannel } = aggregate(sample, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
    expect(byChannel).toEqual([
      { apiId: '10', name: 'WhatsApp', type: 'whatsapp', state: 'authorized', openChats: 5 },
      { apiId: '20', name: 'Telegram', type: 'tg', state: 'notAuthorized', openChats: 2 },
      { apiId: '40', name: null, type: null, state: null, openChats: 1 },
      { apiId: '30', name: 'Quiet', type: 'tg_bot', state: 'authorized', openChats: 0 },
    ]);
  });

  it('with a channel filter, counts every operator within that channel', () => {
    const result = aggregate(sample, { channel: '20', user: null, team: null }, DEFAULT_SETTINGS);
    expect(result.totals.openChats).toBe(2);
    expect(result.byChannel.map((row) => row.apiId)).toEqual(['20']);
    expect(result.byUser.find((row) => row.userId === '1')!.openChats).toBe(1);
    expect(result.byUser.find((row) => row.userId === '2')!.openChats).toBe(1);
    expect(result.byUser.find((row) => row.userId === '3')!.openChats).toBe(0);
    expect(result.totals.operators).toBe(2);
  });

  it('with an operator filter, holds that operator alone', () => {
    const result = aggregate(sample, { channel: null, user: '1', team: null }, DEFAULT_SETTINGS);
    expect(result.byUser.map((row) => row.userId)).toEqual(['1']);
    expect(result.totals).toMatchObject({ openChats: 3, operators: 1, channels: 2, oldestAgeSeconds: 7200, medianAgeSeconds: 600 });
    expect(result.byChannel.find((row) => row.apiId === '10')!.openChats).toBe(2);
  });

  it('answers a filter on an idle or unknown operator with a zero row, not an error', () => {
    const result = aggregate(sample, { channel: null, user: '777', team: null }, DEFAULT_SETTINGS);
    expect(result.byUser).toEqual([
      {
        userId: '777',
        name: null,
        locked: false,
        deleted: false,
        openChats: 0,
        oldestAgeSeconds: null,
        buckets: [0, 0, 0, 0, 0, 0],
        capacity: null,
        teamIds: [],
        lastActiveAt: null,
        available: false,
        overCapacity: false,
      },
    ]);
    expect(result.totals).toMatchObject({ openChats: 0, oldestAgeSeconds: null, medianAgeSeconds: null });
  });

  it('filters the unassigned chats with user=0', () => {
    const result = aggregate(sample, { channel: null, user: '0', team: null }, DEFAULT_SETTINGS);
    expect(result.totals).toMatchObject({ openChats: 1, operators: 0 });
  });

  it('takes the mean of the middle two ages as the median of an even count', () => {
    const even = dataset([chat('a', '1', '10', 100), chat('b', '1', '10', 200), chat('c', '1', '10', 301), chat('d', '1', '10', 400)]);
    expect(aggregate(even, { channel: null, user: null, team: null }, DEFAULT_SETTINGS).totals.medianAgeSeconds).toBe(251);
  });

  it('is all zeros for an empty team', () => {
    const result = aggregate(dataset([]), { channel: null, user: null, team: null }, DEFAULT_SETTINGS);
    expect(result.totals).toEqual({
      openChats: 0,
      operators: 0,
      channels: 0,
      oldestAgeSeconds: null,
      medianAgeSeconds: null,
      undatedChats: 0,
      capacity: 0,
      overCapacityOperators: 0,
      overWarningChats: 0,
      overCriticalChats: 0,
    });
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

describe('aggregate against the rules: teams, capacity, availability', () => {
  const MIN = 60_000;
  const team = [
    operator('1', 'Анна', { lastActiveMs: NOW - 2 * MIN }),
    operator('2', 'Борис', { lastActiveMs: NOW - 5 * MIN, locked: true }),
    operator('3', 'Вера', { lastActiveMs: NOW - 45 * MIN }),
    operator('4', 'Глеб', { lastActiveMs: NOW - 29 * MIN }),
    operator('5', 'Дина', { lastActiveMs: NOW }),
  ];
  const rules = {
    ...DEFAULT_SETTINGS,
    teams: [
      { id: 'support', name: 'Поддержка', operatorIds: ['1', '2', '3'], channelIds: ['10'] },
      { id: 'sales', name: 'Продажи', operatorIds: ['3', '4', '5'], channelIds: ['20'] },
    ],
    capacity: { default: 2, operators: { '1': 3, '5': null } },
  };
  const { chats } = prepareChats(
    [
      chat('a', '1', '10', 60),
      chat('b', '1', '20', 1000),
      chat('c', '1', '10', 2000),
      chat('d', '1', '10', 10), // Анна: 4 > 3
      chat('e', '3', '20', 400), // Вера, in both teams
      chat('f', '4', '20', 950),
      chat('g', '4', '20', 30),
      chat('h', '4', '20', 20), // Глеб: 3 > 2
      chat('u1', '0', '10', 5000), // unassigned on support's channel
      chat('u2', '0', '20', 100), // unassigned on sales' channel
      chat('u3', '0', '30', 100), // unassigned on nobody's channel
      chat('x', '9', '10', 100), // an operator in no team
    ],
    NOW,
  );
  const data: LoadDataset = { asOfMs: NOW, chats, operators: team, channels };
  const all = aggregate(data, { channel: null, user: null, team: null }, rules);
  const row = (id: string) => all.byUser.find((entry) => entry.userId === id)!;

  it('gives each operator a capacity, their teams, when they were last active and whether they are available', () => {
    expect(row('1')).toMatchObject({ capacity: 3, teamIds: ['support'], available: true, overCapacity: true, lastActiveAt: new Date(NOW - 2 * MIN).toISOString() });
    expect(row('2')).toMatchObject({ capacity: 2, available: false, overCapacity: false }); // locked
    expect(row('3')).toMatchObject({ capacity: 2, teamIds: ['support', 'sales'], available: false }); // away 45 min
    expect(row('4')).toMatchObject({ capacity: 2, teamIds: ['sales'], available: true, overCapacity: true });
    expect(row('5')).toMatchObject({ capacity: null, available: true, overCapacity: false }); // no limit
    expect(row('0')).toMatchObject({ capacity: null, teamIds: [], available: false, overCapacity: false });
  });

  it('sums the capacity of the available operators in view, and says null when one has no limit', () => {
    expect(all.totals).toMatchObject({ capacity: null, overCapacityOperators: 2, overWarningChats: 5, overCriticalChats: 4 });
    const support = aggregate(data, { channel: null, user: null, team: 'support' }, rules);
    expect(support.totals.capacity).toBe(3); // Анна only: Борис is locked, Вера away
  });

  it("counts a team's operators' chats and the unassigned chats on its channels, and lists its operators, idle ones too", () => {
    const sales = aggregate(data, { channel: null, user: null, team: 'sales' }, rules);
    // Вера's e, Глеб's f g h, and u2: not Анна's chat b, though it came in on a sales channel.
    expect(sales.totals.openChats).toBe(5);
    expect(sales.byUser.map((entry) => entry.userId).sort()).toEqual(['0', '3', '4', '5']);
    expect(sales.byUser.find((entry) => entry.userId === '5')!.openChats).toBe(0);
    expect(sales.byUser.find((entry) => entry.userId === '0')!.openChats).toBe(1);
  });

  it('lists every team in the settings order over the whole data set, whatever the filter', () => {
    const filtered = aggregate(data, { channel: '20', user: null, team: null }, rules);
    expect(filtered.byTeam).toEqual(all.byTeam);
    expect(all.byTeam).toEqual([
      { teamId: 'support', name: 'Поддержка', openChats: 6, capacity: 3, operators: 3, availableOperators: 1, overCapacityOperators: 1, overCriticalChats: 3, oldestAgeSeconds: 5000 },
      { teamId: 'sales', name: 'Продажи', openChats: 5, capacity: null, operators: 3, availableOperators: 2, overCapacityOperators: 1, overCriticalChats: 1, oldestAgeSeconds: 950 },
    ]);
  });

  it('judges capacity on all of an operator’s chats, even in a view of one channel', () => {
    const oneChannel = aggregate(data, { channel: '10', user: null, team: null }, rules);
    const anna = oneChannel.byUser.find((entry) => entry.userId === '1')!;
    expect(anna.openChats).toBe(3);
    expect(anna.overCapacity).toBe(true);
  });
});
