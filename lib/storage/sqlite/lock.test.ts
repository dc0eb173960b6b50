// Another process holding the SQLite file's write lock: reads go on, writes give up after about two
// seconds with a reason, and the server keeps answering meanwhile.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, expect, it } from 'vitest';
import { StorageUnavailableError } from '../errors';
import { openStorage } from '../open';
import { T0, sample, snapshotRecord, useTempDirs } from '../test-support';
import type { Storage } from '../types';

const tempDir = useTempDirs();
const ROOT = path.resolve(__dirname, '../../..');
const HOLDER = path.join(__dirname, 'fixtures', 'lock-holder.ts');
const LOCKED = 'the database file is locked by another process';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openFile(file: string): Promise<Storage> {
  const storage = await openStorage({ databaseUrl: null, sqliteFile: file });
  cleanups.push(() => storage.close());
  return storage;
}

/** Starts the lock holder and resolves once it holds the lock; `release()` lets go. */
async function holdLock(file: string): Promise<{ release(): Promise<void> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { cwd: ROOT });
  cleanups.push(() => void child.kill('SIGKILL'));
  let out = '';
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(word)) resolve();
      };
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        check();
      });
      child.stderr.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
      check();
    });
  await said('locked');
  return {
    async release() {
      child.stdin.write('go\n');
      await said('released');
    },
  };
}

/** The longest the event loop went without running a 5 ms timer. */
function watchEventLoop(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

it('answers reads at once and refuses a write after about 2 s while another process holds the lock, without blocking the server', async () => {
  const file = path.join(tempDir(), 'chatload.db');
  const storage = await openFile(file);
  const saved = snapshotRecord();
  await storage.snapshots.save(saved);
  await storage.history.insert([sample(0, 'total', '', 4)]);

  const lock = await holdLock(file);
  const longestStall = watchEventLoop();

  const readStart = performance.now();
  expect(await storage.snapshots.get(saved.id)).toEqual(saved);
  expect(await storage.history.lastSampleAtMs()).toBe(T0);
  expect(performance.now() - readStart).toBeLessThan(100);
  // A second server starting now (the file is up to date) opens and reads too.
  const second = await openFile(file);
  expect(await second.snapshots.list()).toHaveLength(1);

  const writeStart = performance.now();
  const error = await storage.snapshots.save(snapshotRecord()).then(() => null, (caught: unknown) => caught);
  const waited = performance.now() - writeStart;
  expect(StorageUnavailableError.is(error)).toBe(true);
  expect((error as StorageUnavailableError).reason).toBe(LOCKED);
  expect(waited).toBeGreaterThan(1000);
  expect(waited).toBeLessThan(3000);
  await expect(storage.history.insert([sample(1, 'total', '', 5)])).rejects.toSatisfy(StorageUnavailableError.is);
  expect(storage.health()).toMatchObject({ ok: false, problem: LOCKED, failingSinceMs: expect.any(Number) });

  expect(longestStall()).toBeLessThan(100);

  await lock.release();
  await storage.snapshots.save(snapshotRecord());
  expect(storage.health()).toMatchObject({ ok: true, problem: null, failingSinceMs: null });
  expect(await storage.snapshots.list()).toHaveLength(2);
}, 20_000);

it('finishes a write that was waiting when the lock is let go', async () => {
  const file = path.join(tempDir(), 'chatload.db');
  const storage = await openFile(file);
  const lock = await holdLock(file);
  const record = snapshotRecord();
  const saving = storage.snapshots.save(record);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await lock.release();
  await expect(saving).resolves.toBeUndefined();
  expect((await storage.snapshots.get(record.id))?.id).toBe(record.id);
  expect(storage.health().ok).toBe(true);
}, 20_000);
