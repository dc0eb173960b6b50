import { randomBytes } from 'node:crypto';

// Snapshot ids are links a supervisor may share: 128 random bits, so one cannot be guessed from another.

const SNAPSHOT_ID = /^[A-Za-z0-9_-]{22}$/;

export function newSnapshotId(): string {
  return randomBytes(16).toString('base64url');
}

/** Shape check for ids arriving in a URL, before any lookup. */
export function isSnapshotId(text: string): boolean {
  return SNAPSHOT_ID.test(text);
}
