import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openSqliteStorage } from './sqlite';
import { useTempDirs } from './test-support';

const tempDir = useTempDirs();
const root = path.resolve(__dirname, '../..');
const writer = path.join(__dirname, 'fixtures', 'crash-writer.ts');
const KILL_AFTER = 12;

function whole(data: string): boolean {
  const { checksum, payload } = JSON.parse(data) as { checksum: string; payload: unknown };
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex') === checksum;
}

it('keeps every committed snapshot whole when the writer is killed mid-write', async () => {
  const file = path.join(tempDir(), 'chatload.db');
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
    if (printed.length >= KILL_AFTER) child.kill('SIGKILL');
  });
  const signal = await exited;
  expect(stderr).toBe('');
  expect(signal).toBe('SIGKILL');
  expect(printed.length).toBeGreaterThanOrEqual(KILL_AFTER);

  const check = new Database(file);
  expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
  check.close();

  const storage = openSqliteStorage(file);
  for (const id of printed) {
    const record = storage.getSnapshot(id);
    expect(record, id).not.toBeNull();
    expect(whole(record!.data), id).toBe(true);
  }
  // Whatever else made it in (at most the one in flight) is whole too.
  const all = storage.listSnapshots();
  expect(all.length - printed.length).toBeLessThanOrEqual(1);
  for (const summary of all) expect(whole(storage.getSnapshot(summary.id)!.data)).toBe(true);
  storage.close();
});
