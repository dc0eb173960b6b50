// Records and folders for the storage tests: believable defaults, overridden field by field.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { newSnapshotId } from './ids';
import type { AuditInput, DisplayKeyRecord, HistorySample, SessionRecord, SnapshotRecord } from './types';

export const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
export const MINUTE = 60_000;

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
    filterTeam: null,
    openChats: 42,
    operators: 7,
    oldestAgeSeconds: 5400,
    complete: true,
    data: JSON.stringify({ totals: { openChats: 42 } }),
    ...overrides,
  };
}

/** One sample at minute `minute` after T0; its buckets put every chat in the first. */
export function sample(minute: number, scope: HistorySample['scope'], scopeId: string, openChats: number, oldest: number | null = null): HistorySample {
  return { atMs: T0 + minute * MINUTE, scope, scopeId, openChats, oldestAgeSeconds: oldest, buckets: [openChats, 0, 0, 0, 0, 0] };
}

export function displayKeyRecord(overrides: Partial<DisplayKeyRecord> = {}): DisplayKeyRecord {
  return {
    id: newSnapshotId(),
    label: 'TV in the support room',
    keyHash: newSnapshotId().padEnd(64, '0'),
    ipAllowlist: [],
    createdAtMs: T0,
    createdBy: 'Анна',
    revokedAtMs: null,
    lastSeenMs: null,
    ...overrides,
  };
}

export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: newSnapshotId(),
    account: 'Анна',
    role: 'manager',
    displayKeyId: null,
    credential: 'fingerprint-1',
    createdAtMs: T0,
    seenAtMs: T0,
    expiresAtMs: T0 + 12 * 60 * MINUTE,
    revokedAtMs: null,
    address: '192.0.2.10',
    userAgent: 'Firefox on Linux',
    ...overrides,
  };
}

export function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return { atMs: T0, actor: 'Анна', role: 'manager', action: 'sign_in', detail: null, address: '192.0.2.10', ...overrides };
}
