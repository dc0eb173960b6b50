// The behaviour every backend owes its callers, as one vitest suite: sqlite/sqlite.contract.test.ts
// and postgres/postgres.contract.test.ts run it against a real database each. A backend passes it
// or chatload cannot run on it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from './errors';
import { newSnapshotId } from './ids';
import { openStorage, type StorageOptions } from './open';
import { MINUTE, T0, auditInput, displayKeyRecord, sample, sessionRecord, snapshotRecord } from './test-support';
import type {
  AlertEventRecord, DeliveryRecord, MoveRecord, HistoryPoint, HistoryQuery, HistorySample, HistorySeries, Storage } from './types';

export interface ContractBackend {
  /** Options of an empty database; each call forgets what the previous one held. */
  fresh(): Promise<StorageOptions>;
  /** Throws when the database behind `options` is damaged (after a writer was killed). */
  checkIntact?(options: StorageOptions): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const CRASH_WRITER = path.join(__dirname, 'fixtures', 'crash-writer.ts');
const HOUR = 60 * MINUTE;

/** What a trend query must answer, worked out from the samples alone (the first per id and minute counts). */
function expectedSeries(samples: readonly HistorySample[], query: HistoryQuery): HistorySeries[] {
  const firstPerMinute = new Map<string, HistorySample>();
  for (const s of samples) {
    const key = `${s.scope}/${s.scopeId}/${Math.floor(s.atMs / MINUTE)}`;
    if (!firstPerMinute.has(key)) firstPerMinute.set(key, s);
  }
  const only = query.scope === 'total' ? '' : (query.scopeId ?? null);
  const byId = new Map<string, Map<number, HistorySample[]>>();
  for (const s of firstPerMinute.values()) {
    const minuteMs = Math.floor(s.atMs / MINUTE) * MINUTE;
    if (s.scope !== query.scope || minuteMs < query.fromMs || minuteMs >= query.toMs) continue;
    if (only !== null && s.scopeId !== only) continue;
    const start = Math.floor(minuteMs / query.stepMs) * query.stepMs;
    const steps = byId.get(s.scopeId) ?? new Map<number, HistorySample[]>();
    byId.set(s.scopeId, steps);
    steps.set(start, [...(steps.get(start) ?? []), s]);
  }
  if (only !== null && !byId.has(only)) byId.set(only, new Map());
  return [...byId.keys()].sort().map((scopeId) => ({
    scope: query.scope,
    scopeId,
    points: [...byId.get(scopeId)!.entries()]
      .sort(([a], [b]) => a - b)
      .map(([atMs, inStep]): HistoryPoint => {
        const opens = inStep.map((s) => s.openChats);
        const oldest = inStep.map((s) => s.oldestAgeSeconds).filter((v): v is number => v !== null);
        return {
          atMs,
          openChats: Math.round((opens.reduce((a, b) => a + b, 0) * 10) / opens.length) / 10,
          openChatsMax: Math.max(...opens),
          oldestAgeSeconds: oldest.length === 0 ? null : Math.max(...oldest),
          samples: inStep.length,
        };
      }),
  }));
}

/** Deterministic noise, so a failure can be run again as it was. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function whole(data: string): boolean {
  const { checksum, payload } = JSON.parse(data) as { checksum: string; payload: unknown };
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex') === checksum;
}

export function describeStorageContract(name: string, backend: ContractBackend): void {
  describe(`${name} storage`, () => {
    const opened: Storage[] = [];
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });

    async function open(options?: StorageOptions): Promise<Storage> {
      const storage = await openStorage(options ?? (await backend.fresh()));
      opened.push(storage);
      expect(storage.health()).toMatchObject({ ok: true, problem: null });
      return storage;
    }

    describe('snapshots', () => {
      it('gives back exactly what was saved, after closing and opening again', async () => {
        const options = await backend.fresh();
        const first = await open(options);
        const record = snapshotRecord({
          filterChannel: '10',
          filterUser: '0',
          filterTeam: 'night shift',
          oldestAgeSeconds: null,
          complete: false,
          label: 'Смена «ночь» — 28 ноября',
          savedBy: null,
          data: JSON.stringify({ rows: Array.from({ length: 2000 }, (_, i) => ({ i, name: `Клиент ${i}` })) }),
        });
        await first.snapshots.save(record);
        await first.close();

        const again = await open(options);
        expect(await again.snapshots.get(record.id)).toEqual(record);
      });

      it('lists summaries newest first, without the data, up to a limit', async () => {
        const storage = await open();
        const old = snapshotRecord({ createdAtMs: T0 });
        const newest = snapshotRecord({ createdAtMs: T0 + 2 * MINUTE });
        const middle = snapshotRecord({ createdAtMs: T0 + MINUTE, trigger: 'scheduled', filterTeam: 'day' });
        for (const record of [old, newest, middle]) await storage.snapshots.save(record);

        const list = await storage.snapshots.list();
        expect(list.map((s) => s.id)).toEqual([newest.id, middle.id, old.id]);
        expect(list[1]).not.toHaveProperty('data');
        const { data: _data, ...summary } = middle;
        expect(list[1]).toEqual(summary);
        expect((await storage.snapshots.list({ limit: 2 })).map((s) => s.id)).toEqual([newest.id, middle.id]);
        expect(await storage.snapshots.list({ limit: 0 })).toEqual([]);
      });

      it('deletes by id and answers null/false for an unknown id', async () => {
        const storage = await open();
        const record = snapshotRecord();
        await storage.snapshots.save(record);
        expect(await storage.snapshots.get(newSnapshotId())).toBeNull();
        expect(await storage.snapshots.delete(newSnapshotId())).toBe(false);
        expect(await storage.snapshots.delete(record.id)).toBe(true);
        expect(await storage.snapshots.get(record.id)).toBeNull();
        expect(await storage.snapshots.delete(record.id)).toBe(false);
        expect(await storage.snapshots.list()).toEqual([]);
      });

      it('refuses a second snapshot with the same id instead of overwriting it, as a bug rather than an outage', async () => {
        const storage = await open();
        const record = snapshotRecord();
        await storage.snapshots.save(record);
        const error = await storage.snapshots.save({ ...record, label: 'other' }).then(() => null, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        expect(StorageUnavailableError.is(error)).toBe(false);
        expect((await storage.snapshots.get(record.id))?.label).toBe(record.label);
        expect(storage.health().ok).toBe(true);
      });

      it('knows when the last scheduled snapshot was taken, ignoring manual ones', async () => {
        const storage = await open();
        expect(await storage.snapshots.lastScheduledAtMs()).toBeNull();
        await storage.snapshots.save(snapshotRecord({ trigger: 'manual', createdAtMs: T0 + 10 * MINUTE }));
        expect(await storage.snapshots.lastScheduledAtMs()).toBeNull();
        await storage.snapshots.save(snapshotRecord({ trigger: 'scheduled', createdAtMs: T0 + 5 * MINUTE }));
        await storage.snapshots.save(snapshotRecord({ trigger: 'scheduled', createdAtMs: T0 }));
        expect(await storage.snapshots.lastScheduledAtMs()).toBe(T0 + 5 * MINUTE);
      });

      it('prunes snapshots saved before a time and says how many went', async () => {
        const storage = await open();
        const kept = snapshotRecord({ createdAtMs: T0 + HOUR });
        for (const record of [snapshotRecord({ createdAtMs: T0 }), snapshotRecord({ createdAtMs: T0 + HOUR - 1 }), kept]) {
          await storage.snapshots.save(record);
        }
        expect(await storage.snapshots.prune(T0 + HOUR)).toBe(2);
        expect((await storage.snapshots.list()).map((s) => s.id)).toEqual([kept.id]);
        expect(await storage.snapshots.prune(T0 + HOUR)).toBe(0);
      });

      it('keeps every committed snapshot whole when the writer is killed mid-write', async () => {
        const options = await backend.fresh();
        const child = spawn(process.execPath, ['--import', 'tsx', CRASH_WRITER, JSON.stringify(options)], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const killAfter = 12;
        const printed: string[] = [];
        let stderr = '';
        let buffered = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          printed.push(...lines);
          // The next snapshot is being written now: kill it in the middle.
          if (printed.length >= killAfter) child.kill('SIGKILL');
        });
        const signal = await exited;
        expect(stderr).toBe('');
        expect(signal).toBe('SIGKILL');
        expect(printed.length).toBeGreaterThanOrEqual(killAfter);

        await backend.checkIntact?.(options);
        const storage = await open(options);
        for (const id of printed) {
          const record = await storage.snapshots.get(id);
          expect(record, id).not.toBeNull();
          expect(whole(record!.data), id).toBe(true);
        }
        // Whatever else made it in (at most the one in flight) is whole too.
        const all = await storage.snapshots.list();
        expect(all.length - printed.length).toBeLessThanOrEqual(1);
        for (const summary of all) expect(whole((await storage.snapshots.get(summary.id))!.data)).toBe(true);
      }, 60_000);
    });

    describe('history', () => {
      it('aggregates each step: mean to 1 decimal, max, oldest max, samples', async () => {
        const storage = await open();
        // Minutes 0–4 in the first 5-minute step, 5–6 in the second.
        const opens = [1, 2, 2, 4, 0, 7, 8];
        const oldest = [100, null, 400, 250, null, null, null];
        await storage.history.insert(opens.map((count, minute) => sample(minute, 'operator', '1', count, oldest[minute])));

        const [series] = await storage.history.query({ scope: 'operator', scopeId: '1', fromMs: T0, toMs: T0 + 10 * MINUTE, stepMs: 5 * MINUTE });
        expect(series).toEqual({
          scope: 'operator',
          scopeId: '1',
          points: [
            { atMs: T0, openChats: 1.8, openChatsMax: 4, oldestAgeSeconds: 400, samples: 5 },
            { atMs: T0 + 5 * MINUTE, openChats: 7.5, openChatsMax: 8, oldestAgeSeconds: null, samples: 2 },
          ],
        });
      });

      it('keeps scopes and ids apart, teams included, and lists every id of a scope sorted by id', async () => {
        const storage = await open();
        await storage.history.insert([
          sample(0, 'total', '', 30),
          sample(0, 'operator', '2', 20),
          sample(0, 'operator', '0', 5),
          sample(0, 'operator', '1', 5),
          sample(0, 'channel', '1', 30),
          sample(0, 'team', '1', 12),
          sample(0, 'team', 'night', 18),
          sample(0, 'team_capacity', 'night', 24),
          sample(0, 'team_critical', 'night', 3),
          sample(1, 'operator', '1', 7),
        ]);
        const range = { fromMs: T0, toMs: T0 + 2 * MINUTE, stepMs: MINUTE };

        const operators = await storage.history.query({ scope: 'operator', ...range });
        expect(operators.map((s) => [s.scopeId, s.points.map((p) => p.openChats)])).toEqual([
          ['0', [5]],
          ['1', [5, 7]],
          ['2', [20]],
        ]);
        expect(await storage.history.query({ scope: 'channel', scopeId: null, ...range })).toEqual([
          { scope: 'channel', scopeId: '1', points: [{ atMs: T0, openChats: 30, openChatsMax: 30, oldestAgeSeconds: null, samples: 1 }] },
        ]);
        const teams = await storage.history.query({ scope: 'team', ...range });
        expect(teams.map((s) => [s.scope, s.scopeId, s.points.map((p) => p.openChats)])).toEqual([
          ['team', '1', [12]],
          ['team', 'night', [18]],
        ]);
        for (const [scope, count] of [['team_capacity', 24], ['team_critical', 3]] as const) {
          expect((await storage.history.query({ scope, ...range })).map((s) => [s.scope, s.scopeId, s.points.map((p) => p.openChats)])).toEqual([[scope, 'night', [count]]]);
        }
        expect((await storage.history.query({ scope: 'total', ...range }))[0]!.points.map((p) => p.openChats)).toEqual([30]);
        // An id never recorded still answers with its (empty) series, so a page can say "no data yet".
        expect(await storage.history.query({ scope: 'operator', scopeId: '99', ...range })).toEqual([{ scope: 'operator', scopeId: '99', points: [] }]);
        expect(await storage.history.query({ scope: 'team', ...range, fromMs: T0 + 5 * MINUTE, toMs: T0 + 9 * MINUTE })).toEqual([]);
      });

      it('gives every-id and one-id queries the same numbers', async () => {
        const storage = await open();
        const samples: HistorySample[] = [];
        for (let minute = 0; minute < 90; minute++) {
          if (minute % 17 === 3) continue; // missed minutes
          for (const id of ['1', '2', '3']) samples.push(sample(minute, 'operator', id, (minute * Number(id)) % 11, minute % 5 === 0 ? null : minute * 10));
        }
        await storage.history.insert(samples);
        // A range not on step boundaries: the first and last steps are partial.
        const range = { fromMs: T0 + 7 * MINUTE, toMs: T0 + 83 * MINUTE, stepMs: 15 * MINUTE };
        const every = await storage.history.query({ scope: 'operator', ...range });
        expect(every.map((s) => s.scopeId)).toEqual(['1', '2', '3']);
        for (const series of every) {
          expect(await storage.history.query({ scope: 'operator', scopeId: series.scopeId, ...range })).toEqual([series]);
        }
        expect(every[0]!.points[0]).toMatchObject({ atMs: T0, samples: 8 });
        expect(every[0]!.points.at(-1)).toMatchObject({ atMs: T0 + 75 * MINUTE, samples: 8 });
      });

      it('answers every step size and range exactly as the minutes add up', async () => {
        const storage = await open();
        const next = random(7);
        const samples: HistorySample[] = [];
        // Six hours from 00:00 UTC, with outages, for three operators and the total.
        const start = Date.UTC(2026, 10, 28, 0, 0, 0);
        for (let minute = 0; minute < 360; minute++) {
          if (next() < 0.1) continue;
          for (const [scope, id] of [['operator', '7'], ['operator', '12'], ['operator', '0'], ['total', '']] as const) {
            if (next() < 0.05) continue;
            const count = Math.floor(next() * 15);
            const oldest = count === 0 || next() < 0.2 ? null : Math.floor(next() * 50_000);
            samples.push({ atMs: start + minute * MINUTE + Math.floor(next() * MINUTE), scope, scopeId: id, openChats: count, oldestAgeSeconds: oldest, buckets: [count, 0, 0, 0, 0, 0] });
          }
        }
        // One tick per minute, as the recorder writes them.
        const byMinute = new Map<number, HistorySample[]>();
        for (const s of samples) byMinute.set(Math.floor(s.atMs / MINUTE), [...(byMinute.get(Math.floor(s.atMs / MINUTE)) ?? []), s]);
        for (const tick of byMinute.values()) await storage.history.insert(tick);

        const ranges = [
          [start, start + 6 * HOUR],
          [start + 7 * MINUTE, start + 5 * HOUR + 43 * MINUTE],
          [start + 29 * MINUTE + 1, start + 31 * MINUTE],
          [start + 95 * MINUTE, start + 95 * MINUTE],
        ];
        for (const stepMinutes of [1, 2, 5, 10, 15, 30, 60, 120]) {
          for (const [fromMs, toMs] of ranges) {
            for (const scopeId of [null, '7']) {
              const query: HistoryQuery = { scope: 'operator', scopeId, fromMs: fromMs!, toMs: toMs!, stepMs: stepMinutes * MINUTE };
              expect(await storage.history.query(query), JSON.stringify(query)).toEqual(expectedSeries(samples, query));
            }
            const total: HistoryQuery = { scope: 'total', fromMs: fromMs!, toMs: toMs!, stepMs: stepMinutes * MINUTE };
            expect(await storage.history.query(total)).toEqual(expectedSeries(samples, total));
          }
        }
      });

      it('counts samples in [from, to), stored to the minute', async () => {
        const storage = await open();
        await storage.history.insert([sample(0, 'total', '', 1), { ...sample(1, 'total', '', 2), atMs: T0 + MINUTE + 59_999 }, sample(2, 'total', '', 3)]);
        const [series] = await storage.history.query({ scope: 'total', fromMs: T0 + 1, toMs: T0 + 2 * MINUTE, stepMs: MINUTE });
        expect(series!.points).toEqual([{ atMs: T0 + MINUTE, openChats: 2, openChatsMax: 2, oldestAgeSeconds: null, samples: 1 }]);
      });

      it('keeps the first sample of a minute: a clock stepping back does not rewrite history', async () => {
        const storage = await open();
        await storage.history.insert([sample(0, 'operator', '1', 3), sample(1, 'operator', '1', 4)]);
        // The clock went back: minute 0 and 1 again, with other numbers, and minute 2 for the first time.
        await storage.history.insert([{ ...sample(0, 'operator', '1', 9), atMs: T0 + 30_000 }, sample(1, 'operator', '1', 9), sample(2, 'operator', '1', 5)]);
        // Twice in one tick: the first one counts.
        await storage.history.insert([sample(3, 'operator', '1', 6), sample(3, 'operator', '1', 60)]);
        const range = { scope: 'operator' as const, scopeId: '1', fromMs: T0, toMs: T0 + 30 * MINUTE };
        const [minutes] = await storage.history.query({ ...range, stepMs: MINUTE });
        expect(minutes!.points.map((p) => p.openChats)).toEqual([3, 4, 5, 6]);
        const [halfHour] = await storage.history.query({ ...range, stepMs: 30 * MINUTE });
        expect(halfHour!.points).toEqual([{ atMs: T0, openChats: 4.5, openChatsMax: 6, oldestAgeSeconds: null, samples: 4 }]);
      });

      it('records a tick whole or not at all', async () => {
        const storage = await open();
        const bad = { ...sample(0, 'operator', '2', 1), buckets: [1, 0, 0] };
        await expect(storage.history.insert([sample(0, 'operator', '1', 1), bad])).rejects.toThrow(/6 bucket counts/);
        expect(await storage.history.query({ scope: 'operator', fromMs: T0, toMs: T0 + MINUTE, stepMs: MINUTE })).toEqual([]);
        expect(await storage.history.lastSampleAtMs()).toBeNull();
      });

      it('rejects a step that is not a whole number of minutes', async () => {
        const storage = await open();
        await expect(storage.history.query({ scope: 'total', fromMs: T0, toMs: T0 + MINUTE, stepMs: 90_000 })).rejects.toThrow(/whole number of minutes/);
      });

      it('knows the newest minute recorded', async () => {
        const storage = await open();
        expect(await storage.history.lastSampleAtMs()).toBeNull();
        await storage.history.insert([{ ...sample(5, 'total', '', 1), atMs: T0 + 5 * MINUTE + 42_000 }, sample(5, 'operator', '3', 1)]);
        expect(await storage.history.lastSampleAtMs()).toBe(T0 + 5 * MINUTE);
        await storage.history.insert([sample(2, 'channel', 'wa', 1)]);
        expect(await storage.history.lastSampleAtMs()).toBe(T0 + 5 * MINUTE);
      });

      it('prunes samples older than a time, says how many went, and trends over what is left stay exact', async () => {
        const storage = await open();
        const samples = [
          sample(0, 'operator', 'gone', 1),
          sample(0, 'operator', '1', 1),
          sample(1, 'operator', '1', 2),
          sample(2, 'operator', '1', 3),
          sample(0, 'total', '', 1),
          sample(2, 'total', '', 3),
        ];
        await storage.history.insert(samples);
        expect(await storage.history.prune(T0 + 2 * MINUTE)).toBe(4);
        const range = { fromMs: T0 - HOUR, toMs: T0 + HOUR, stepMs: MINUTE };
        expect((await storage.history.query({ scope: 'operator', ...range })).map((s) => [s.scopeId, s.points.map((p) => p.openChats)])).toEqual([['1', [3]]]);
        expect((await storage.history.query({ scope: 'total', ...range }))[0]!.points.map((p) => p.openChats)).toEqual([3]);
        // The 5- and 30-minute steps forget the pruned minutes too.
        for (const stepMs of [5 * MINUTE, 30 * MINUTE, 60 * MINUTE]) {
          expect(await storage.history.query({ scope: 'operator', ...range, stepMs })).toEqual([
            { scope: 'operator', scopeId: '1', points: [{ atMs: T0, openChats: 3, openChatsMax: 3, oldestAgeSeconds: null, samples: 1 }] },
          ]);
        }
        expect(await storage.history.prune(T0 + 2 * MINUTE)).toBe(0);
      });

      it('prunes a long history at a time inside a half hour, consistently for every step', async () => {
        const storage = await open();
        const samples: HistorySample[] = [];
        for (let minute = 0; minute < 240; minute++) {
          samples.push(sample(minute, 'operator', 'a', minute % 13, minute * 3), sample(minute, 'operator', 'b', minute % 7));
        }
        await storage.history.insert(samples);
        const cut = T0 + 97 * MINUTE;
        expect(await storage.history.prune(cut)).toBe(2 * 97);
        const left = samples.filter((s) => s.atMs >= cut);
        for (const stepMinutes of [1, 5, 30, 60]) {
          const query: HistoryQuery = { scope: 'operator', fromMs: T0, toMs: T0 + 4 * HOUR, stepMs: stepMinutes * MINUTE };
          expect(await storage.history.query(query)).toEqual(expectedSeries(left, query));
        }
      });
    });

    describe('display keys', () => {
      it('keeps keys by id and by hash, newest first, revoked ones included', async () => {
        const storage = await open();
        const older = displayKeyRecord({ createdAtMs: T0, ipAllowlist: ['192.0.2.10', '2001:db8::1'] });
        const newer = displayKeyRecord({ createdAtMs: T0 + MINUTE, label: 'Телевизор в зале', createdBy: null });
        await storage.displayKeys.save(older);
        await storage.displayKeys.save(newer);
        expect(await storage.displayKeys.get(older.id)).toEqual(older);
        expect(await storage.displayKeys.findByHash(newer.keyHash)).toEqual(newer);
        expect(await storage.displayKeys.findByHash('0'.repeat(64))).toBeNull();
        expect(await storage.displayKeys.get('missing')).toBeNull();

        expect(await storage.displayKeys.revoke(older.id, T0 + 2 * MINUTE)).toBe(true);
        expect(await storage.displayKeys.revoke(older.id, T0 + 3 * MINUTE)).toBe(false);
        expect(await storage.displayKeys.revoke('missing', T0)).toBe(false);
        await storage.displayKeys.touch(newer.id, T0 + 4 * MINUTE);
        expect(await storage.displayKeys.list()).toEqual([
          { ...newer, lastSeenMs: T0 + 4 * MINUTE },
          { ...older, revokedAtMs: T0 + 2 * MINUTE },
        ]);
      });

      it('refuses a second key with the same hash', async () => {
        const storage = await open();
        const key = displayKeyRecord();
        await storage.displayKeys.save(key);
        await expect(storage.displayKeys.save(displayKeyRecord({ keyHash: key.keyHash }))).rejects.toThrow();
        expect(await storage.displayKeys.list()).toHaveLength(1);
      });
    });

    describe('sessions', () => {
      it('gives back a session as created, and moves its last-seen time only forward', async () => {
        const storage = await open();
        const display = sessionRecord({ role: 'display', account: 'TV', displayKeyId: 'key-1', expiresAtMs: null, address: null, userAgent: null });
        await storage.sessions.create(display);
        expect(await storage.sessions.get(display.id)).toEqual(display);
        expect(await storage.sessions.get('missing')).toBeNull();
        await storage.sessions.touch(display.id, T0 + 10 * MINUTE);
        await storage.sessions.touch(display.id, T0 + 5 * MINUTE);
        expect((await storage.sessions.get(display.id))?.seenAtMs).toBe(T0 + 10 * MINUTE);
      });

      it('ends a session once, and not one that has expired already', async () => {
        const storage = await open();
        const session = sessionRecord({ expiresAtMs: T0 + HOUR });
        await storage.sessions.create(session);
        expect(await storage.sessions.revoke(session.id, T0 + 2 * HOUR)).toBe(false);
        expect(await storage.sessions.revoke(session.id, T0 + MINUTE)).toBe(true);
        expect(await storage.sessions.revoke(session.id, T0 + 2 * MINUTE)).toBe(false);
        expect((await storage.sessions.get(session.id))?.revokedAtMs).toBe(T0 + MINUTE);
        expect(await storage.sessions.revoke('missing', T0)).toBe(false);
      });

      it('ends every open session of an account and lists the open ones newest first', async () => {
        const storage = await open();
        const anna1 = sessionRecord({ createdAtMs: T0 });
        const anna2 = sessionRecord({ createdAtMs: T0 + MINUTE });
        const annaExpired = sessionRecord({ createdAtMs: T0 - 2 * HOUR, expiresAtMs: T0 - HOUR });
        const boris = sessionRecord({ account: 'Борис', role: 'viewer', createdAtMs: T0 + 2 * MINUTE });
        const tv = sessionRecord({ account: 'TV', role: 'display', expiresAtMs: null, createdAtMs: T0 - 30 * 24 * HOUR });
        for (const s of [anna1, anna2, annaExpired, boris, tv]) await storage.sessions.create(s);

        expect((await storage.sessions.listOpen(T0 + 3 * MINUTE)).map((s) => s.id)).toEqual([boris.id, anna2.id, anna1.id, tv.id]);
        expect(await storage.sessions.revokeAccount('Анна', T0 + 4 * MINUTE)).toBe(2);
        expect(await storage.sessions.revokeAccount('Анна', T0 + 5 * MINUTE)).toBe(0);
        expect((await storage.sessions.listOpen(T0 + 5 * MINUTE)).map((s) => s.id)).toEqual([boris.id, tv.id]);
        // Past Boris's absolute end, only the display is open.
        expect((await storage.sessions.listOpen(boris.expiresAtMs!)).map((s) => s.id)).toEqual([tv.id]);
      });

      it('forgets sessions that ended before a time', async () => {
        const storage = await open();
        const revokedLongAgo = sessionRecord({ revokedAtMs: T0 - 2 * HOUR });
        const expiredLongAgo = sessionRecord({ expiresAtMs: T0 - HOUR });
        const revokedLately = sessionRecord({ revokedAtMs: T0 + MINUTE });
        const open1 = sessionRecord({ expiresAtMs: T0 + HOUR });
        const display = sessionRecord({ role: 'display', expiresAtMs: null });
        for (const s of [revokedLongAgo, expiredLongAgo, revokedLately, open1, display]) await storage.sessions.create(s);
        expect(await storage.sessions.prune(T0)).toBe(2);
        expect(await storage.sessions.get(revokedLongAgo.id)).toBeNull();
        expect(await storage.sessions.get(expiredLongAgo.id)).toBeNull();
        for (const s of [revokedLately, open1, display]) expect(await storage.sessions.get(s.id)).toEqual(s);
      });
    });

    describe('audit log', () => {
      it('lists entries newest first, each counted once, up to a limit', async () => {
        const storage = await open();
        await storage.audit.append(auditInput({ atMs: T0, action: 'sign_in' }));
        await storage.audit.append(auditInput({ atMs: T0 + MINUTE, action: 'snapshot_saved', detail: 'abc' }));
        await storage.audit.append(auditInput({ atMs: T0 + 2 * MINUTE, action: 'sign_out', actor: null, role: null, address: null }));
        const list = await storage.audit.list();
        expect(list.map((e) => e.action)).toEqual(['sign_out', 'snapshot_saved', 'sign_in']);
        expect(list[0]).toEqual({ atMs: T0 + 2 * MINUTE, actor: null, role: null, action: 'sign_out', detail: null, address: null, count: 1, lastAtMs: T0 + 2 * MINUTE });
        expect((await storage.audit.list({ limit: 1 })).map((e) => e.action)).toEqual(['sign_out']);
      });

      it('folds a burst of the same event into one entry, and starts a new one after the window or for another address', async () => {
        const storage = await open();
        const refused = auditInput({ action: 'display_refused', actor: null, role: null, detail: 'revoked key' });
        for (let i = 0; i < 5; i++) await storage.audit.appendFolded({ ...refused, atMs: T0 + i * MINUTE }, T0 + i * MINUTE - 10 * MINUTE);
        await storage.audit.appendFolded({ ...refused, atMs: T0 + 5 * MINUTE, address: '198.51.100.7' }, T0 - 5 * MINUTE);
        await storage.audit.append(auditInput({ atMs: T0 + 6 * MINUTE }));
        // 20 minutes after the last repeat, with a 10-minute window: a new entry.
        await storage.audit.appendFolded({ ...refused, atMs: T0 + 24 * MINUTE }, T0 + 14 * MINUTE);

        const list = await storage.audit.list();
        expect(list.map((e) => [e.action, e.address, e.count, e.atMs, e.lastAtMs])).toEqual([
          ['display_refused', '192.0.2.10', 1, T0 + 24 * MINUTE, T0 + 24 * MINUTE],
          ['sign_in', '192.0.2.10', 1, T0 + 6 * MINUTE, T0 + 6 * MINUTE],
          ['display_refused', '198.51.100.7', 1, T0 + 5 * MINUTE, T0 + 5 * MINUTE],
          ['display_refused', '192.0.2.10', 5, T0, T0 + 4 * MINUTE],
        ]);
      });

      it('folds repeats that arrive at the same moment into one entry', async () => {
        const storage = await open();
        const refused = auditInput({ action: 'sign_in_failed', actor: null, role: null });
        await Promise.all(Array.from({ length: 20 }, (_, i) => storage.audit.appendFolded({ ...refused, atMs: T0 + i }, T0 - MINUTE)));
        expect((await storage.audit.list()).map((e) => [e.count, e.atMs <= e.lastAtMs, e.lastAtMs])).toEqual([[20, true, T0 + 19]]);
      });

      it('prunes entries by their last repeat', async () => {
        const storage = await open();
        const refused = auditInput({ action: 'display_refused' });
        await storage.audit.appendFolded({ ...refused, atMs: T0 }, T0 - HOUR);
        await storage.audit.appendFolded({ ...refused, atMs: T0 + 2 * HOUR }, T0 - HOUR);
        await storage.audit.append(auditInput({ atMs: T0 + HOUR }));
        await storage.audit.append(auditInput({ atMs: T0 - HOUR, action: 'sign_out' }));
        expect(await storage.audit.prune(T0 + HOUR)).toBe(1);
        expect((await storage.audit.list()).map((e) => [e.action, e.count])).toEqual([
          ['display_refused', 2],
          ['sign_in', 1],
        ]);
      });
    });

    describe('documents', () => {
      it('stores revisions, and refuses a put that names an old one', async () => {
        const storage = await open();
        expect(await storage.documents.get('settings')).toBeNull();
        const first = await storage.documents.put('settings', '{"threshold":15}', { atMs: T0, by: 'Анна', expectedRevision: 0 });
        expect(first).toEqual({ json: '{"threshold":15}', revision: 1, updatedAtMs: T0, updatedBy: 'Анна' });
        // Somebody else created it meanwhile.
        expect(await storage.documents.put('settings', '{}', { atMs: T0, by: 'Борис', expectedRevision: 0 })).toBeNull();

        const second = await storage.documents.put('settings', '{"threshold":20}', { atMs: T0 + MINUTE, by: 'Борис', expectedRevision: 1 });
        expect(second?.revision).toBe(2);
        expect(await storage.documents.put('settings', '{"threshold":5}', { atMs: T0 + 2 * MINUTE, by: 'Анна', expectedRevision: 1 })).toBeNull();
        expect(await storage.documents.get('settings')).toEqual({ json: '{"threshold":20}', revision: 2, updatedAtMs: T0 + MINUTE, updatedBy: 'Борис' });

        // Without an expected revision: stored whatever is there.
        expect((await storage.documents.put('settings', '{"threshold":30}', { atMs: T0 + 3 * MINUTE, by: null }))?.revision).toBe(3);
        expect((await storage.documents.put('other', '[]', { atMs: T0, by: null }))?.revision).toBe(1);
        expect(await storage.documents.put('missing', '[]', { atMs: T0, by: null, expectedRevision: 4 })).toBeNull();
        expect(await storage.documents.get('missing')).toBeNull();
        expect((await storage.documents.get('settings'))?.json).toBe('{"threshold":30}');
      });

      it('lets exactly one of two managers saving the same revision at once win', async () => {
        const storage = await open();
        await storage.documents.put('settings', '{"v":0}', { atMs: T0, by: null });
        const results = await Promise.all(
          ['Анна', 'Борис', 'Вера', 'Глеб'].map((by) => storage.documents.put('settings', JSON.stringify({ by }), { atMs: T0 + MINUTE, by, expectedRevision: 1 })),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(await storage.documents.get('settings')).toEqual({ ...winners[0], revision: 2 });
      });
    });

    describe('moves', () => {
      const move = (overrides: Partial<MoveRecord> = {}): MoveRecord => ({
        id: newSnapshotId(),
        atMs: T0,
        trigger: 'manual',
        actor: 'Анна',
        chatId: '70001',
        fromOperatorId: '8101',
        toOperatorId: '8102',
        reason: null,
        status: 'moved',
        outcome: 'moved',
        undoOf: null,
        undoneAtMs: null,
        ...overrides,
      });

      it('keeps every move as written, newest first, and by time', async () => {
        const storage = await open();
        const first = move({ atMs: T0 });
        const auto = move({ atMs: T0 + MINUTE, trigger: 'auto', actor: null, fromOperatorId: null, reason: 'unassigned', chatId: '70002' });
        const failed = move({ atMs: T0 + 2 * MINUTE, status: 'failed', outcome: 'phone_fail', toOperatorId: null, chatId: '70003' });
        for (const record of [first, auto, failed]) await storage.moves.append(record);
        expect(await storage.moves.list()).toEqual([failed, auto, first]);
        expect(await storage.moves.list({ sinceMs: T0 + MINUTE })).toEqual([failed, auto]);
        expect(await storage.moves.list({ limit: 1 })).toEqual([failed]);
        expect(await storage.moves.get(auto.id)).toEqual(auto);
        expect(await storage.moves.get(newSnapshotId())).toBeNull();
      });

      it('marks a move undone once, and forgets moves past their retention', async () => {
        const storage = await open();
        const record = move();
        await storage.moves.append(record);
        expect(await storage.moves.markUndone(record.id, T0 + 5 * MINUTE)).toBe(true);
        expect(await storage.moves.markUndone(record.id, T0 + 6 * MINUTE)).toBe(false);
        expect((await storage.moves.get(record.id))?.undoneAtMs).toBe(T0 + 5 * MINUTE);
        await storage.moves.append(move({ atMs: T0 + 10 * MINUTE }));
        expect(await storage.moves.prune(T0 + MINUTE)).toBe(1);
        expect(await storage.moves.list()).toHaveLength(1);
      });
    });

    describe('alerts', () => {
      const event = (id: string, firedAtMs: number): AlertEventRecord => ({
        id,
        ruleId: 'critical',
        kind: 'critical_chats',
        key: 'critical',
        teamId: null,
        subject: 'Поддержка',
        startedAtMs: firedAtMs - 5 * MINUTE,
        firedAtMs,
        resolvedAtMs: null,
        value: 3,
        threshold: 1,
      });
      const delivery = (id: string, eventId: string, channel: DeliveryRecord['channel'], message = 'fired'): DeliveryRecord => ({
        id,
        eventId,
        message,
        channel,
        payload: JSON.stringify({ text: 'Чатов сверх критического порога: 3' }),
        status: 'pending',
        attempts: 0,
        nextAtMs: T0,
        lastError: null,
        createdAtMs: T0,
        attemptedAtMs: null,
      });

      it('keeps condition states, replaced and forgotten in one go, across a reopen', async () => {
        const options = await backend.fresh();
        const first = await open(options);
        await first.alertStates.apply({ put: [{ key: 'critical', ruleId: 'critical', json: '{"phase":"pending"}', updatedAtMs: T0 }, { key: 'over:8101', ruleId: 'over', json: '{}', updatedAtMs: T0 }], remove: [] });
        await first.alertStates.apply({ put: [{ key: 'critical', ruleId: 'critical', json: '{"phase":"firing"}', updatedAtMs: T0 + MINUTE }], remove: ['over:8101', 'never-there'] });
        await first.close();
        const again = await open(options);
        expect(await again.alertStates.list()).toEqual([{ key: 'critical', ruleId: 'critical', json: '{"phase":"firing"}', updatedAtMs: T0 + MINUTE }]);
      });

      it('records events, resolves each once, lists newest first', async () => {
        const storage = await open();
        await storage.alertEvents.insert(event('a', T0));
        await storage.alertEvents.insert(event('b', T0 + HOUR));
        await expect(storage.alertEvents.insert(event('a', T0))).rejects.toThrow();
        expect(await storage.alertEvents.resolve('a', T0 + 2 * HOUR, 0)).toBe(true);
        expect(await storage.alertEvents.resolve('a', T0 + 3 * HOUR, 5)).toBe(false);
        expect((await storage.alertEvents.list()).map((e) => e.id)).toEqual(['b', 'a']);
        expect(await storage.alertEvents.get('a')).toEqual({ ...event('a', T0), resolvedAtMs: T0 + 2 * HOUR, value: 0 });
        expect(await storage.alertEvents.list({ limit: 1 })).toHaveLength(1);
        expect(await storage.alertEvents.prune(T0 + 2 * HOUR)).toBe(1);
        expect((await storage.alertEvents.list()).map((e) => e.id)).toEqual(['b']);
      });

      it('queues at most one delivery per event, message and channel, and hands each claim to one caller', async () => {
        const options = await backend.fresh();
        const one = await open(options);
        const two = await open(options);
        expect(await one.deliveries.enqueue([delivery('d1', 'e', 'webhook'), delivery('d2', 'e', 'telegram'), delivery('d3', 'e', 'webhook', 'reminder:1')])).toBe(3);
        expect(await two.deliveries.enqueue([delivery('d4', 'e', 'webhook'), delivery('d5', 'e', 'email')])).toBe(1);
        const [a, b] = await Promise.all([one.deliveries.claim(T0, MINUTE, 10), two.deliveries.claim(T0, MINUTE, 10)]);
        const claimed = [...a, ...b].map((d) => d.id).sort();
        expect(claimed).toEqual(['d1', 'd2', 'd3', 'd5']);
        // Claimed rows are nobody else's until their lease has passed.
        expect(await one.deliveries.claim(T0 + 30_000, MINUTE, 10)).toEqual([]);
        expect((await one.deliveries.claim(T0 + MINUTE, MINUTE, 10, 'telegram')).map((d) => d.id)).toEqual(['d2']);
        await one.deliveries.settle('d1', { status: 'sent', attempts: 1, nextAtMs: T0, lastError: null, atMs: T0 + 1000 });
        await one.deliveries.settle('d3', { status: 'pending', attempts: 1, nextAtMs: T0 + 10 * MINUTE, lastError: 'The webhook answered HTTP 500.', atMs: T0 + 1000 });
        expect((await two.deliveries.claim(T0 + 5 * MINUTE, MINUTE, 10, 'webhook')).map((d) => d.id)).toEqual([]);
        const later = await two.deliveries.claim(T0 + 10 * MINUTE, MINUTE, 10, 'webhook');
        expect(later).toEqual([{ ...delivery('d3', 'e', 'webhook', 'reminder:1'), attempts: 1, nextAtMs: T0 + 10 * MINUTE, lastError: 'The webhook answered HTTP 500.', attemptedAtMs: T0 + 1000 }]);
        const listed = await one.deliveries.listForEvents(['e', 'other']);
        expect(listed.find((d) => d.id === 'd1')).toMatchObject({ status: 'sent', attempts: 1, attemptedAtMs: T0 + 1000 });
        expect(listed).toHaveLength(4);
        expect(await one.deliveries.listForEvents([])).toEqual([]);
        expect(await one.deliveries.prune(T0 + 1)).toBe(1);
      });
    });

    describe('health', () => {
      it('reports a working database by name, and can be closed twice', async () => {
        const storage = await open();
        await storage.snapshots.list();
        const health = storage.health();
        expect(health).toEqual({ ok: true, database: expect.stringMatching(/^(SQLite file|PostgreSQL) /), problem: null, failingSinceMs: null });
        await storage.close();
        await expect(storage.close()).resolves.toBeUndefined();
        await expect(storage.snapshots.list()).rejects.toSatisfy(StorageUnavailableError.is);
      });
    });
  });
}
