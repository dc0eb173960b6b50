// db:copy: a team's SQLite file moved into a fresh PostgreSQL database reads back the same through
// every repository; a target that holds data is left alone unless --force.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresForTests } from '@/tests/support/postgres';
import { CopyRefusedError, copySqliteToPostgres } from './copy';
import { openStorage } from './open';
import { MINUTE, T0, auditInput, displayKeyRecord, sample, sessionRecord, snapshotRecord, useTempDirs } from './test-support';
import type { HistoryQuery, HistorySample, Storage } from './types';

const postgres = await postgresForTests('db:copy');
const tempDir = useTempDirs();
const ROOT = path.resolve(__dirname, '../..');
const HOUR = 60 * MINUTE;
const NOW = T0 + 6 * HOUR;

async function fillSqlite(file: string): Promise<void> {
  const storage = await openStorage({ databaseUrl: null, sqliteFile: file });
  await storage.snapshots.save(snapshotRecord({ createdAtMs: T0, filterTeam: 'night', complete: false }));
  await storage.snapshots.save(snapshotRecord({ createdAtMs: T0 + HOUR, trigger: 'scheduled', label: null, data: JSON.stringify({ 'quote"s': '\\ {a,b} NULL' }) }));
  for (let minute = 0; minute < 5 * 60; minute++) {
    const tick: HistorySample[] = [sample(minute, 'total', '', minute % 17), sample(minute, 'team', 'night', minute % 5)];
    for (const id of ['0', '12', '7']) if ((minute + Number(id)) % 11 !== 0) tick.push(sample(minute, 'operator', id, (minute * Number(id)) % 9, minute * 3));
    await storage.history.insert(tick);
  }
  await storage.displayKeys.save(displayKeyRecord({ ipAllowlist: ['192.0.2.1', '2001:db8::7'], lastSeenMs: T0 }));
  await storage.displayKeys.save(displayKeyRecord({ createdAtMs: T0 + MINUTE, revokedAtMs: T0 + 2 * MINUTE }));
  await storage.sessions.create(sessionRecord({ createdAtMs: T0, expiresAtMs: NOW + HOUR }));
  await storage.sessions.create(sessionRecord({ createdAtMs: T0 + MINUTE, role: 'display', account: 'TV', expiresAtMs: null, displayKeyId: 'k' }));
  await storage.sessions.create(sessionRecord({ createdAtMs: T0 + 2 * MINUTE, revokedAtMs: T0 + 3 * MINUTE }));
  for (let i = 0; i < 4; i++) await storage.audit.appendFolded(auditInput({ action: 'display_refused', atMs: T0 + i * MINUTE }), T0 - HOUR);
  await storage.audit.append(auditInput({ atMs: T0 + MINUTE, action: 'sign_in' }));
  await storage.audit.append(auditInput({ atMs: T0 + MINUTE, action: 'sign_out', actor: null }));
  await storage.documents.put('settings', '{"threshold":15}', { atMs: T0, by: 'Анна' });
  await storage.documents.put('settings', '{"threshold":20}', { atMs: T0 + MINUTE, by: 'Борис' });
  await storage.documents.put('teams', '[]', { atMs: T0, by: null });
  await storage.close();
}

/** Everything a caller can read, through the repositories. */
async function contents(storage: Storage) {
  const snapshots = await storage.snapshots.list();
  const history: unknown[] = [];
  for (const stepMs of [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR]) {
    for (const query of [
      { scope: 'operator', fromMs: T0 - HOUR, toMs: NOW, stepMs },
      { scope: 'operator', scopeId: '12', fromMs: T0 + 7 * MINUTE, toMs: T0 + 4 * HOUR + 3 * MINUTE, stepMs },
      { scope: 'total', fromMs: T0, toMs: NOW, stepMs },
      { scope: 'team', fromMs: T0, toMs: NOW, stepMs },
    ] satisfies HistoryQuery[]) {
      history.push(await storage.history.query(query));
    }
  }
  const keys = await storage.displayKeys.list();
  return {
    snapshots: await Promise.all(snapshots.map((s) => storage.snapshots.get(s.id))),
    lastScheduled: await storage.snapshots.lastScheduledAtMs(),
    history,
    lastSample: await storage.history.lastSampleAtMs(),
    keys,
    keysByHash: await Promise.all(keys.map((k) => storage.displayKeys.findByHash(k.keyHash))),
    openSessions: await storage.sessions.listOpen(NOW),
    audit: await storage.audit.list(),
    documents: [await storage.documents.get('settings'), await storage.documents.get('teams')],
  };
}

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

if (postgres !== null) {
  describe('db:copy', () => {
    it('moves a SQLite file into PostgreSQL whole, refuses to copy over data, and replaces it with --force', async () => {
      const file = path.join(tempDir(), 'chatload.db');
      await fillSqlite(file);
      const to = await postgres.newDatabase();
      const said: string[] = [];

      const counts = await copySqliteToPostgres({ from: file, to, say: (line) => said.push(line) });
      expect(counts).toMatchObject({ snapshots: 2, display_keys: 2, sessions: 3, audit_log: 3, documents: 2 });
      expect(counts.history).toBeGreaterThan(1000);
      expect(said.some((line) => line.startsWith('  history: '))).toBe(true);

      const sqlite = await openStorage({ databaseUrl: null, sqliteFile: file });
      const target = await openStorage({ databaseUrl: to, sqliteFile: 'unused.db' });
      try {
        const expected = await contents(sqlite);
        expect(await contents(target)).toEqual(expected);
        // The audit log's numbering goes on where the file left off: of entries at the same time,
        // the new one is listed first.
        await target.audit.append(auditInput({ atMs: T0 + MINUTE, action: 'settings_changed' }));
        const sameTime = (await target.audit.list()).filter((e) => e.lastAtMs === T0 + MINUTE).map((e) => e.action);
        expect(sameTime).toEqual(['settings_changed', 'sign_out', 'sign_in']);

        // A second copy finds data and changes nothing.
        const extra = snapshotRecord({ createdAtMs: NOW });
        await target.snapshots.save(extra);
        const refused = await copySqliteToPostgres({ from: file, to, say: () => undefined }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(CopyRefusedError);
        expect((refused as Error).message).toMatch(/already holds data \(snapshots 3, history [\d,]+, .*\); nothing was copied\. Give --force/);
        expect((await target.snapshots.get(extra.id))?.id).toBe(extra.id);

        await copySqliteToPostgres({ from: file, to, force: true, say: () => undefined });
        expect(await target.snapshots.get(extra.id)).toBeNull();
        expect(await contents(target)).toEqual(expected);
      } finally {
        await sqlite.close();
        await target.close();
      }
    }, 60_000);

    it('as a script, says why it refuses and never prints the password', async () => {
      const file = path.join(tempDir(), 'chatload.db');
      await fillSqlite(file);
      const url = new URL(await postgres.newDatabase());
      url.password = 'secretpw';

      const first = await run(['--from', file, '--to', url.toString()]);
      expect(first.out).toMatch(/counts checked on both sides/);
      expect(first.code).toBe(0);
      const again = await run(['--from', file, '--to', url.toString()]);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/^db:copy: PostgreSQL .+ already holds data/m);
      const missing = await run(['--from', path.join(tempDir(), 'nothing.db'), '--to', url.toString()]);
      expect(missing.code).toBe(1);
      expect(missing.out).toMatch(/there is no SQLite file at /);
      for (const out of [first.out, again.out, missing.out]) expect(out).not.toContain('secretpw');
    }, 60_000);
  });
}
