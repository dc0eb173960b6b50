import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isSnapshotId, newSnapshotId } from './ids';
import { openStorage } from './index';
import { openSqliteStorage } from './sqlite';
import { snapshotRecord, useTempDirs } from './test-support';
import type { HistorySample, Storage } from './types';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const MINUTE = 60_000;

function open(): Storage {
  return openStorage(tempDir());
}

describe('snapshot ids', () => {
  it('are 22 base64url characters and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSnapshotId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isSnapshotId(id)).toBe(true);
    expect(isSnapshotId('../../etc/passwd')).toBe(false);
  });
});

describe('snapshots', () => {
  it('gives back exactly what was saved, in a new directory it creates', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const storage = openStorage(dir);
    const record = snapshotRecord({ filterChannel: '10', filterUser: '0', oldestAgeSeconds: null, complete: false, label: null, savedBy: null });
    storage.saveSnapshot(record);
    storage.close();

    const reopened = openStorage(dir);
    expect(reopened.getSnapshot(record.id)).toEqual(record);
    reopened.close();
  });

  it('lists summaries newest first, without the data, up to a limit', () => {
    const storage = open();
    const old = snapshotRecord({ createdAtMs: T0 });
    const newest = snapshotRecord({ createdAtMs: T0 + 2 * MINUTE });
    const middle = snapshotRecord({ createdAtMs: T0 + MINUTE, trigger: 'scheduled' });
    for (const record of [old, newest, middle]) storage.saveSnapshot(record);

    const list = storage.listSnapshots();
    expect(list.map((s) => s.id)).toEqual([newest.id, middle.id, old.id]);
    expect(list[1]).not.toHaveProperty('data');
    const { data: _data, ...summary } = middle;
    expect(list[1]).toEqual(summary);
    expect(storage.listSnapshots({ limit: 2 }).map((s) => s.id)).toEqual([newest.id, middle.id]);
    storage.close();
  });

  it('deletes by id and answers null/false for an unknown id', () => {
    const storage = open();
    const record = snapshotRecord();
    storage.saveSnapshot(record);
    expect(storage.getSnapshot(newSnapshotId())).toBeNull();
    expect(storage.deleteSnapshot(newSnapshotId())).toBe(false);
    expect(storage.deleteSnapshot(record.id)).toBe(true);
    expect(storage.getSnapshot(record.id)).toBeNull();
    expect(storage.deleteSnapshot(record.id)).toBe(false);
    expect(storage.listSnapshots()).toEqual([]);
    storage.close();
  });

  it('refuses a second snapshot with the same id instead of overwriting it', () => {
    const storage = open();
    const record = snapshotRecord();
    storage.saveSnapshot(record);
    expect(() => storage.saveSnapshot({ ...record, label: 'other' })).toThrow();
    expect(storage.getSnapshot(record.id)?.label).toBe(record.label);
    storage.close();
  });

  it('knows when the last scheduled snapshot was taken, ignoring manual ones', () => {
    const storage = open();
    expect(storage.lastScheduledSnapshotAtMs()).toBeNull();
    storage.saveSnapshot(snapshotRecord({ trigger: 'manual', createdAtMs: T0 + 10 * MINUTE }));
    expect(storage.lastScheduledSnapshotAtMs()).toBeNull();
    storage.saveSnapshot(snapshotRecord({ trigger: 'scheduled', createdAtMs: T0 + 5 * MINUTE }));
    storage.saveSnapshot(snapshotRecord({ trigger: 'scheduled', createdAtMs: T0 }));
    expect(storage.lastScheduledSnapshotAtMs()).toBe(T0 + 5 * MINUTE);
    storage.close();
  });

  it('leaves the file in WAL mode', () => {
    const dir = tempDir();
    openStorage(dir).close();
    const db = new Database(path.join(dir, 'chatload.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

function sample(minute: number, scope: HistorySample['scope'], scopeId: string, openChats: number, oldest: number | null = null): HistorySample {
  return { atMs: T0 + minute * MINUTE, scope, scopeId, openChats, oldestAgeSeconds: oldest, buckets: [openChats, 0, 0, 0, 0, 0] };
}

describe('history', () => {
  it('aggregates each step: mean to 1 decimal, max, oldest max, samples', () => {
    const storage = open();
    // Minutes 0–4 in the first 5-minute step, 5–6 in the second.
    const opens = [1, 2, 2, 4, 0, 7, 8];
    const oldest = [100, null, 400, 250, null, null, null];
    storage.insertHistory(opens.map((open, minute) => sample(minute, 'operator', '1', open, oldest[minute])));

    const [series] = storage.queryHistory({ scope: 'operator', scopeId: '1', fromMs: T0, toMs: T0 + 10 * MINUTE, stepMs: 5 * MINUTE });
    expect(series).toEqual({
      scope: 'operator',
      scopeId: '1',
      points: [
        { atMs: T0, openChats: 1.8, openChatsMax: 4, oldestAgeSeconds: 400, samples: 5 },
        { atMs: T0 + 5 * MINUTE, openChats: 7.5, openChatsMax: 8, oldestAgeSeconds: null, samples: 2 },
      ],
    });
    storage.close();
  });

  it('keeps scopes and ids apart, and lists every id of a scope sorted by id', () => {
    const storage = open();
    storage.insertHistory([
      sample(0, 'total', '', 30),
      sample(0, 'operator', '2', 20),
      sample(0, 'operator', '0', 5),
      sample(0, 'operator', '1', 5),
      sample(0, 'channel', '1', 30),
      sample(1, 'operator', '1', 7),
    ]);
    const range = { fromMs: T0, toMs: T0 + 2 * MINUTE, stepMs: MINUTE };

    const operators = storage.queryHistory({ scope: 'operator', ...range });
    expect(operators.map((s) => [s.scopeId, s.points.map((p) => p.openChats)])).toEqual([
      ['0', [5]],
      ['1', [5, 7]],
      ['2', [20]],
    ]);
    expect(storage.queryHistory({ scope: 'channel', scopeId: null, ...range })).toEqual([
      { scope: 'channel', scopeId: '1', points: [{ atMs: T0, openChats: 30, openChatsMax: 30, oldestAgeSeconds: null, samples: 1 }] },
    ]);
    expect(storage.queryHistory({ scope: 'total', ...range })[0]!.points.map((p) => p.openChats)).toEqual([30]);
    // An id never recorded still answers with its (empty) series, so a page can say "no data yet".
    expect(storage.queryHistory({ scope: 'operator', scopeId: '99', ...range })).toEqual([{ scope: 'operator', scopeId: '99', points: [] }]);
    storage.close();
  });

  it('gives every-id and one-id queries the same numbers', () => {
    const storage = open();
    const samples: HistorySample[] = [];
    for (let minute = 0; minute < 90; minute++) {
      if (minute % 17 === 3) continue; // missed minutes
      for (const id of ['1', '2', '3']) samples.push(sample(minute, 'operator', id, (minute * Number(id)) % 11, minute % 5 === 0 ? null : minute * 10));
    }
    storage.insertHistory(samples);
    // A range not on step boundaries: the first and last steps are partial.
    const range = { fromMs: T0 + 7 * MINUTE, toMs: T0 + 83 * MINUTE, stepMs: 15 * MINUTE };
    const every = storage.queryHistory({ scope: 'operator', ...range });
    expect(every.map((s) => s.scopeId)).toEqual(['1', '2', '3']);
    for (const series of every) {
      expect(storage.queryHistory({ scope: 'operator', scopeId: series.scopeId, ...range })).toEqual([series]);
    }
    expect(every[0]!.points[0]).toMatchObject({ atMs: T0, samples: 8 });
    expect(every[0]!.points.at(-1)).toMatchObject({ atMs: T0 + 75 * MINUTE, samples: 8 });
    storage.close();
  });

  it('counts samples in [from, to), stored to the minute', () => {
    const storage = open();
    storage.insertHistory([sample(0, 'total', '', 1), { ...sample(1, 'total', '', 2), atMs: T0 + MINUTE + 59_999 }, sample(2, 'total', '', 3)]);
    const [series] = storage.queryHistory({ scope: 'total', fromMs: T0 + 1, toMs: T0 + 2 * MINUTE, stepMs: MINUTE });
    expect(series!.points).toEqual([{ atMs: T0 + MINUTE, openChats: 2, openChatsMax: 2, oldestAgeSeconds: null, samples: 1 }]);
    storage.close();
  });

  it('keeps one sample per id and minute: a later one replaces it', () => {
    const storage = open();
    storage.insertHistory([sample(0, 'operator', '1', 3)]);
    storage.insertHistory([{ ...sample(0, 'operator', '1', 9), atMs: T0 + 30_000 }]);
    const [series] = storage.queryHistory({ scope: 'operator', scopeId: '1', fromMs: T0, toMs: T0 + MINUTE, stepMs: MINUTE });
    expect(series!.points).toEqual([{ atMs: T0, openChats: 9, openChatsMax: 9, oldestAgeSeconds: null, samples: 1 }]);
    storage.close();
  });

  it('records a tick whole or not at all', () => {
    const storage = open();
    const bad = { ...sample(0, 'operator', '2', 1), buckets: [1, 0, 0] };
    expect(() => storage.insertHistory([sample(0, 'operator', '1', 1), bad])).toThrow(/6 bucket counts/);
    expect(storage.queryHistory({ scope: 'operator', fromMs: T0, toMs: T0 + MINUTE, stepMs: MINUTE })).toEqual([]);
    storage.close();
  });

  it('rejects a step that is not a whole number of minutes', () => {
    const storage = open();
    expect(() => storage.queryHistory({ scope: 'total', fromMs: T0, toMs: T0 + MINUTE, stepMs: 90_000 })).toThrow(/whole number of minutes/);
    storage.close();
  });

  it('prunes samples older than a time and says how many went', () => {
    const storage = open();
    storage.insertHistory([
      sample(0, 'operator', 'gone', 1),
      sample(0, 'operator', '1', 1),
      sample(1, 'operator', '1', 2),
      sample(2, 'operator', '1', 3),
      sample(0, 'total', '', 1),
      sample(2, 'total', '', 3),
    ]);
    expect(storage.pruneHistory(T0 + 2 * MINUTE)).toBe(4);
    const range = { fromMs: T0 - 60 * MINUTE, toMs: T0 + 60 * MINUTE, stepMs: MINUTE };
    expect(storage.queryHistory({ scope: 'operator', ...range }).map((s) => [s.scopeId, s.points.map((p) => p.openChats)])).toEqual([['1', [3]]]);
    expect(storage.queryHistory({ scope: 'total', ...range })[0]!.points.map((p) => p.openChats)).toEqual([3]);
    expect(storage.pruneHistory(T0 + 2 * MINUTE)).toBe(0);
    storage.close();
  });
});

describe('openSqliteStorage', () => {
  it('can be closed twice', () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'x.db'));
    storage.close();
    expect(() => storage.close()).not.toThrow();
  });
});
