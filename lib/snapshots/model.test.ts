import { describe, expect, it } from 'vitest';
import { aggregate, prepareChats, type LoadDataset } from '@/lib/load/aggregate';
import type { LoadSnapshot, StoreView } from '@/lib/load/store';
import { parseWallClock } from '@/lib/wamm/timezone';
import { SnapshotDataError, freeze, thaw } from './model';

const asOfMs = Date.UTC(2026, 10, 28, 11, 0, 0);
const raw = [
  { chatId: '1', chatName: 'Иван "Ваня" =1+1', phone: '+79160000001', avatar: '', userId: '8101', apiId: '1401', dateMsg: '2026-11-28 13:55:00' },
  { chatId: '2', chatName: 'Ольга', phone: '79160000002', avatar: '', userId: '8102', apiId: '1402', dateMsg: '2026-11-26 09:00:00' },
  { chatId: '3', chatName: '', phone: '', avatar: '', userId: '0', apiId: '1401', dateMsg: '0000-00-00 00:00:00' },
];

function view(): StoreView & { snapshot: LoadSnapshot } {
  const { chats } = prepareChats(raw, asOfMs, (text) => parseWallClock(text, 'Europe/Moscow'));
  const dataset: LoadDataset = {
    asOfMs,
    chats,
    users: [
      { userId: '8101', name: 'Анна', email: 'anna@example.com', admin: false, locked: false, deleted: false },
      { userId: '8102', name: null, email: 'x@example.com', admin: false, locked: true, deleted: false },
    ],
    channels: [{ apiId: '1401', name: 'Продажи', type: 'whatsapp', state: 'authorized' }],
  };
  const snapshot: LoadSnapshot = { dataset, complete: true, partialReason: null, partial: null, maxFutureSeconds: 0, unfiltered: aggregate(dataset, { channel: null, user: null }) };
  return { version: 3, snapshot, upstreamError: null, lastSuccessAtMs: asOfMs, lastErrorAtMs: null, consecutiveFailures: 0, stale: false };
}

describe('a frozen snapshot', () => {
  it('reads back to the same chats and the same numbers it was saved with', () => {
    const live = view();
    const filters = { channel: '1401', user: null };
    const record = freeze(live, filters, { label: 'Смена', savedBy: null, trigger: 'manual' }, { id: 'A'.repeat(22), nowMs: asOfMs + 5000, demo: false, timezone: 'Europe/Moscow' });
    expect(record).toMatchObject({ asOfMs, openChats: 2, operators: 1, filterChannel: '1401', label: 'Смена' });
    const thawed = thaw(record);
    expect(thawed.data.dataset.chats).toEqual(live.snapshot.dataset.chats);
    expect(thawed.data.aggregate).toEqual(aggregate(live.snapshot.dataset, filters));
    expect(aggregate(thawed.view.snapshot.dataset, filters)).toEqual(thawed.data.aggregate);
    expect(thawed.view.stale).toBe(false);
  });

  it('keeps operators’ e-mail addresses out of storage', () => {
    const record = freeze(view(), { channel: null, user: null }, { label: null, savedBy: null, trigger: 'scheduled' }, { id: 'B'.repeat(22), nowMs: asOfMs, demo: true, timezone: 'UTC' });
    expect(record.data).not.toContain('@example.com');
  });

  it('refuses stored data it cannot trust, naming the snapshot', () => {
    const record = freeze(view(), { channel: null, user: null }, { label: null, savedBy: null, trigger: 'manual' }, { id: 'C'.repeat(22), nowMs: asOfMs, demo: false, timezone: 'UTC' });
    expect(() => thaw({ ...record, data: '{"version":1' })).toThrow(SnapshotDataError);
    expect(() => thaw({ ...record, data: record.data.replace('"version":1', '"version":9') })).toThrow(/snapshot C{22} cannot be read: unexpected stored data at version/);
  });
});
