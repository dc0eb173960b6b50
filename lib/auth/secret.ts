import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

// The secret that signs session cookies: SESSION_SECRET, else one made at the first start and kept
// in the data directory. It is written to a temporary file, flushed and renamed into place, so a
// crash mid-write never leaves a short secret that would sign everyone out at the next start.

const FILE = 'session-secret';
const MIN_LENGTH = 32;

export function sessionSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= MIN_LENGTH) return existing;
  } catch {
    // first start
  }
  const secret = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  try {
    // The rename itself is durable only once the directory is flushed.
    const dir = openSync(dataDir, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems cannot flush a directory; the rename has still happened.
  }
  // Two processes starting at once each wrote one: both use whichever won the rename.
  return readFileSync(file, 'utf8').trim();
}
