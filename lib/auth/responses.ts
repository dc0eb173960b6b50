import type { AuditEntry, DisplayKeyRecord, SessionRecord } from '@/lib/storage/types';

// The access-control API's shapes. Types and mappers only.

export interface DisplayKeyBody {
  id: string;
  label: string;
  ipAllowlist: string[];
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

export interface DisplayKeyCreatedBody extends DisplayKeyBody {
  /** Shown once: only its hash is kept. */
  key: string;
  url: string;
}

export interface AuditEntryBody {
  at: string;
  actor: string | null;
  role: string | null;
  action: AuditEntry['action'];
  detail: string | null;
  address: string | null;
  /** How many times it happened: repeated refusals from one address are one entry. */
  count: number;
  /** When the last of them happened (= at for a single event). */
  lastAt: string;
}

export interface AuditResponse {
  entries: AuditEntryBody[];
}

export interface SessionBody {
  id: string;
  account: string;
  role: SessionRecord['role'];
  createdAt: string;
  lastSeenAt: string;
  /** When it ends at the latest; null for a wall display (its key is revoked instead). */
  expiresAt: string | null;
  address: string | null;
  browser: string | null;
  /** The session of the browser asking. */
  current: boolean;
}

export interface SessionListResponse {
  sessions: SessionBody[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function displayKeyBody(record: DisplayKeyRecord): DisplayKeyBody {
  return {
    id: record.id,
    label: record.label,
    ipAllowlist: record.ipAllowlist,
    createdAt: iso(record.createdAtMs)!,
    createdBy: record.createdBy,
    revokedAt: iso(record.revokedAtMs),
    lastSeenAt: iso(record.lastSeenMs),
  };
}

export function auditEntryBody(entry: AuditEntry): AuditEntryBody {
  return {
    at: iso(entry.atMs)!,
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    detail: entry.detail,
    address: entry.address,
    count: entry.count,
    lastAt: iso(entry.lastAtMs)!,
  };
}

export function sessionBody(record: SessionRecord, currentId: string | null): SessionBody {
  return {
    id: record.id,
    account: record.account,
    role: record.role,
    createdAt: iso(record.createdAtMs)!,
    lastSeenAt: iso(record.seenAtMs)!,
    expiresAt: iso(record.expiresAtMs),
    address: record.address,
    browser: record.userAgent,
    current: record.id === currentId,
  };
}
