import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { aggregate, prepareChats, type LoadDataset } from '@/lib/load/aggregate';
import type { DataView, LoadData } from '@/lib/load/store';
import type { SnapshotRecord } from '@/lib/storage/types';
import { channel, openChat, operator } from '@/tests/support/team';
import v1Expected from './fixtures/snapshots-v1-expected.json';
import v1Records from './fixtures/snapshots-v1.json';
import { SnapshotDataError, freeze, thaw } from './model';
import { snapshotChatsResponse, snapshotResponse } from './responses';

const asOfMs = Date.UTC(2026, 10, 28, 11, 0, 0);

function view(): DataView {
  const { chats } = prepareChats(
    [
      openChat('1', '8101', '1401', 300, asOfMs, { chatName: 'Иван "Ваня" =1+1', phone: '+79160000001' }),
      openChat('2', '8102', '1402', 180_000, asOfMs, { chatName: 'Ольга' }),
      openChat('3', '0', '1401', null, asOfMs, { chatName: '', phone: '' }),
    ],
    asOfMs,
  );
  const dataset: LoadDataset = {
    asOfMs,
    chats,
    operators: [operator('8101', 'Анна', { lastActiveMs: asOfMs - 60_000 }), operator('8102', null, { locked: true })],
    channels: [channel('1401', 'Продажи')],
  };
  const data: LoadData = { dataset, complete: true, partialReason: null, partial: null, partialOperators: [], maxFutureSeconds: 0, rules: DEFAULT_SETTINGS, rulesRevision: 0, unfiltered: aggregate(dataset, { channel: null, user: null, team: null }, DEFAULT_SETTINGS) };
  return { version: 3, data, upstreamError: null, lastSuccessAtMs: asOfMs, lastErrorAtMs: null, consecutiveFailures: 0, stale: false };
}

const context = { demo: false, refreshSeconds: 15, timezone: 'Europe/Moscow', version: '0.1.0' };

describe('a frozen snapshot', () => {
  it('reads back to the same chats and the same numbers it was saved with', () => {
    const live = view();
    const filters = { channel: '1401', user: null, team: null };
    const record = freeze(live, filters, { label: 'Смена', savedBy: null, trigger: 'manual' }, { id: 'A'.repeat(22), nowMs: asOfMs + 5000, demo: false, timezone: 'Europe/Moscow' });
    expect(record).toMatchObject({ asOfMs, openChats: 2, operators: 1, filterChannel: '1401', label: 'Смена' });
    const thawed = thaw(record);
    expect(thawed.document.dataset.chats).toEqual(live.data.dataset.chats);
    expect(thawed.document.dataset.operators).toEqual(live.data.dataset.operators);
    expect(aggregate(thawed.view.data.dataset, filters, DEFAULT_SETTINGS)).toEqual(aggregate(live.data.dataset, filters, DEFAULT_SETTINGS));
    expect(thawed.view.stale).toBe(false);
  });

  it('stores chatload’s own model with its version, not wamm.chat’s shapes', () => {
    const record = freeze(view(), { channel: null, user: null, team: null }, { label: null, savedBy: null, trigger: 'scheduled' }, { id: 'B'.repeat(22), nowMs: asOfMs, demo: true, timezone: 'UTC' });
    const stored = JSON.parse(record.data) as Record<string, unknown>;
    expect(stored.version).toBe(2);
    expect(record.data).not.toMatch(/"userId"|"apiId"|"users"|"email"|"dateMsg"|"user_id"/);
    expect(record.data).toContain('"operatorId":null');
  });

  it('refuses stored data it cannot trust, naming the snapshot', () => {
    const record = freeze(view(), { channel: null, user: null, team: null }, { label: null, savedBy: null, trigger: 'manual' }, { id: 'C'.repeat(22), nowMs: asOfMs, demo: false, timezone: 'UTC' });
    expect(() => thaw({ ...record, data: '{"version":2' })).toThrow(SnapshotDataError);
    expect(() => thaw({ ...record, data: record.data.replace('"version":2', '"version":9') })).toThrow(/snapshot C{22} cannot be read: unexpected stored data at version/);
  });
});

describe('a snapshot saved by chatload 0.1 (version 1)', () => {
  it('opens with the same numbers, chats and words it showed then', () => {
    for (const stored of v1Records) {
      const record: SnapshotRecord = { ...(stored as Omit<SnapshotRecord, 'filterTeam'>), filterTeam: null };
      const thawed = thaw(record);
      const expected = v1Expected.find((entry) => entry.id === record.id)!;
      // Everything it showed then, field for field (teams and capacity have been added beside).
      expect(snapshotResponse(thawed, context)).toMatchObject(expected.snapshot);
      expect(snapshotChatsResponse(thawed, { channel: null, user: null, team: null }, context)).toMatchObject(expected.chats);
    }
  });

  it('reads "0" as nobody responsible and a group by its id', () => {
    const thawed = thaw({ ...(v1Records[0] as Omit<SnapshotRecord, 'filterTeam'>), filterTeam: null });
    const chats = new Map(thawed.document.dataset.chats.map((chat) => [chat.chatId, chat]));
    expect(chats.get('70003')).toMatchObject({ operatorId: null, channelId: '1401' });
    expect(chats.get('70004')).toMatchObject({ operatorId: null, group: true });
    expect(chats.get('70001')).toMatchObject({ operatorId: '8101', group: false });
    expect(thawed.document.dataset.operators.find((entry) => entry.id === '8101')).toEqual({ id: '8101', name: 'Анна', admin: true, locked: false, deleted: false, lastActiveMs: null });
  });
});
