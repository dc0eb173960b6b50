import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { aggregate, prepareChats, type LoadDataset } from '@/lib/load/aggregate';
import { channel, openChat, operator } from '@/tests/support/team';
import { samplesFromAggregate } from './samples';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

const chat = (chatId: string, operatorId: string, channelId: string, ageSeconds: number | null) => openChat(chatId, operatorId, channelId, ageSeconds, NOW);

const dataset: LoadDataset = {
  asOfMs: NOW,
  chats: prepareChats(
    [chat('a', '1', '10', 60), chat('b', '1', '20', 4000), chat('c', '0', '10', 1000), chat('d', '2', '10', null)],
    NOW,
  ).chats,
  operators: [operator('1', 'Анна'), operator('2', 'Борис'), operator('3', 'Idle')],
  channels: [channel('10', 'WhatsApp'), channel('20', 'Telegram', 'tg'), channel('30', 'Quiet', 'tg_bot')],
};
const unfiltered = aggregate(dataset, { channel: null, user: null, team: null }, DEFAULT_SETTINGS);

describe('samplesFromAggregate', () => {
  it('records the total, every operator (unassigned and idle included) and every channel, on the minute', () => {
    const samples = samplesFromAggregate(unfiltered, NOW + 42_500, dataset.chats);
    expect(samples.every((s) => s.atMs === NOW)).toBe(true);
    expect(samples.map((s) => [s.scope, s.scopeId, s.openChats])).toEqual([
      ['total', '', 4],
      ['operator', '1', 2],
      ['operator', '0', 1],
      ['operator', '2', 1],
      ['operator', '3', 0],
      ['channel', '10', 3],
      ['channel', '20', 1],
      ['channel', '30', 0],
    ]);
    expect(samples[0]).toMatchObject({ oldestAgeSeconds: 4000, buckets: [1, 0, 1, 1, 0, 0] });
    expect(samples.find((s) => s.scopeId === '1')).toMatchObject({ oldestAgeSeconds: 4000, buckets: [1, 0, 0, 1, 0, 0] });
    expect(samples.find((s) => s.scopeId === '3')).toMatchObject({ oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] });
  });

  it('takes channel ages from the chats: the undated chat counts as open but in no bucket', () => {
    const samples = samplesFromAggregate(unfiltered, NOW, dataset.chats);
    const channel = (id: string) => samples.find((s) => s.scope === 'channel' && s.scopeId === id);
    expect(channel('10')).toMatchObject({ openChats: 3, oldestAgeSeconds: 1000, buckets: [1, 0, 1, 0, 0, 0] });
    expect(channel('20')).toMatchObject({ openChats: 1, oldestAgeSeconds: 4000, buckets: [0, 0, 0, 1, 0, 0] });
    expect(channel('30')).toMatchObject({ openChats: 0, oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] });
  });

  it('records channel open chats only when no chats are given', () => {
    const channel = samplesFromAggregate(unfiltered, NOW).find((s) => s.scope === 'channel' && s.scopeId === '10');
    expect(channel).toMatchObject({ openChats: 3, oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] });
  });

  it('does not share bucket arrays with the aggregate', () => {
    const samples = samplesFromAggregate(unfiltered, NOW, dataset.chats);
    samples[1]!.buckets[0] = 99;
    expect(unfiltered.byUser[0]!.buckets[0]).toBe(1);
  });
});
