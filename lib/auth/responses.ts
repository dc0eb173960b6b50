import type { AuditEntry, DisplayKeyRecord } from '@/lib/storage/types';

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

export interface AuditResponse {
  entries: Array<Omit<AuditEntry, 'atMs'> & { at: string }>;
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
