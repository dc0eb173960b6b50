import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { newSnapshotId } from './ids';
import type { SnapshotRecord } from './types';

/** A fresh directory in os.tmpdir() per call, removed after the test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chatload-storage-'));
    dirs.push(dir);
    return dir;
  };
}

export function snapshotRecord(overrides: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id: newSnapshotId(),
    createdAtMs: Date.UTC(2026, 10, 28, 12, 0, 0),
    asOfMs: Date.UTC(2026, 10, 28, 11, 59, 50),
    label: 'Before the morning shift',
    savedBy: 'Анна',
    trigger: 'manual',
    filterChannel: null,
    filterUser: null,
    openChats: 42,
    operators: 7,
    oldestAgeSeconds: 5400,
    complete: true,
    data: JSON.stringify({ totals: { openChats: 42 } }),
    ...overrides,
  };
}
