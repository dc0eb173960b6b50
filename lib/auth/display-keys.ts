import { createHash, randomBytes } from 'node:crypto';
import type { DisplayKeyRecord, Storage } from '@/lib/storage/types';

// Display keys: a manager makes one per TV. The key is shown once; only its SHA-256 is kept (a key
// has 256 random bits, so a fast hash is enough). A TV trades the key for a display session.

export function hashDisplayKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createDisplayKey(
  storage: Storage,
  input: { label: string; ipAllowlist: string[]; createdBy: string | null; nowMs: number },
): { record: DisplayKeyRecord; key: string } {
  const key = randomBytes(32).toString('base64url');
  const record: DisplayKeyRecord = {
    id: randomBytes(9).toString('base64url'),
    label: input.label,
    keyHash: hashDisplayKey(key),
    ipAllowlist: input.ipAllowlist,
    createdAtMs: input.nowMs,
    createdBy: input.createdBy,
    revokedAtMs: null,
    lastSeenMs: null,
  };
  storage.saveDisplayKey(record);
  return { record, key };
}

/** Whether a key may be used from `address`: not revoked, and the address allowed if a list is set. */
export function keyUsableFrom(record: DisplayKeyRecord, address: string | null): 'ok' | 'revoked' | 'address' {
  if (record.revokedAtMs !== null) return 'revoked';
  if (record.ipAllowlist.length > 0 && (address === null || !record.ipAllowlist.includes(address))) return 'address';
  return 'ok';
}
