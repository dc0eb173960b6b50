// The storage interface: what pages and routes may ask of saved snapshots and minute history.
// Types only, no driver import, so another backend (a server database) can sit behind it later.
// Synchronous on purpose: the embedded SQLite driver is, and a call costs well under a millisecond.

export type SnapshotTrigger = 'manual' | 'scheduled';

export interface SnapshotRecord {
  /** Unguessable: 128 random bits, base64url (22 chars); made by `newSnapshotId()` in ./ids. */
  id: string;
  createdAtMs: number;
  /** The upstream fetch time behind the frozen numbers. */
  asOfMs: number;
  label: string | null;
  savedBy: string | null;
  trigger: SnapshotTrigger;
  filterChannel: string | null;
  filterUser: string | null;
  openChats: number;
  operators: number;
  oldestAgeSeconds: number | null;
  complete: boolean;
  /** The frozen data, serialized JSON, opaque to storage. */
  data: string;
}

export type SnapshotSummary = Omit<SnapshotRecord, 'data'>;

export type HistoryScope = 'total' | 'operator' | 'channel';

export interface HistorySample {
  /** Epoch ms; stored to the minute (floored). One sample per scope id and minute: a later one replaces it. */
  atMs: number;
  scope: HistoryScope;
  /** Operator userId or channel apiId; '' for the total. */
  scopeId: string;
  openChats: number;
  oldestAgeSeconds: number | null;
  /** Open chats per age bucket, in AGE_BUCKETS order (6 counts). */
  buckets: number[];
}

export interface HistoryQuery {
  scope: HistoryScope;
  /** null/undefined = every id of that scope seen in the range; ignored for 'total'. */
  scopeId?: string | null;
  /** Samples with fromMs <= atMs < toMs. */
  fromMs: number;
  toMs: number;
  /** A whole number of minutes, in ms. Steps start at multiples of stepMs since the epoch (UTC). */
  stepMs: number;
}

export interface HistoryPoint {
  /** Start of the step. */
  atMs: number;
  /** Mean over the step's samples, 1 decimal. */
  openChats: number;
  openChatsMax: number;
  /** Max over the step; null when no sample in the step had a dated chat. */
  oldestAgeSeconds: number | null;
  /** Minutes sampled in the step: fewer than the step's minutes means the recorder missed some. */
  samples: number;
}

export interface HistorySeries {
  scope: HistoryScope;
  scopeId: string;
  /** Only steps with at least one sample, oldest first; see fillGaps in lib/history/query. */
  points: HistoryPoint[];
}

export interface DisplayKeyRecord {
  id: string;
  label: string;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  keyHash: string;
  /** Client addresses allowed to use the key; empty = any. */
  ipAllowlist: string[];
  createdAtMs: number;
  createdBy: string | null;
  revokedAtMs: number | null;
  lastSeenMs: number | null;
}

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'snapshot_saved'
  | 'snapshot_deleted'
  | 'display_key_created'
  | 'display_key_revoked'
  | 'display_paired'
  | 'display_refused';

export interface AuditEntry {
  atMs: number;
  /** Who: an account name, a display key's label, or null when unknown (a failed sign-in). */
  actor: string | null;
  role: string | null;
  action: AuditAction;
  /** What, in a few words: a snapshot id, a key's label; never a password, a phone or a customer. */
  detail: string | null;
  address: string | null;
}

export interface Storage {
  saveSnapshot(record: SnapshotRecord): void;
  /** Newest first (by createdAtMs). */
  listSnapshots(options?: { limit?: number }): SnapshotSummary[];
  getSnapshot(id: string): SnapshotRecord | null;
  /** False when no snapshot had that id. */
  deleteSnapshot(id: string): boolean;
  lastScheduledSnapshotAtMs(): number | null;
  /** All samples in one transaction: a tick is recorded whole or not at all. */
  insertHistory(samples: readonly HistorySample[]): void;
  /** With a scopeId (or for 'total'): exactly one series, maybe empty. Without: one per id seen, sorted by id. */
  queryHistory(query: HistoryQuery): HistorySeries[];
  /** Deletes samples older than beforeMs; returns the rows deleted. */
  pruneHistory(beforeMs: number): number;
  saveDisplayKey(record: DisplayKeyRecord): void;
  /** Newest first, revoked ones included. */
  listDisplayKeys(): DisplayKeyRecord[];
  getDisplayKey(id: string): DisplayKeyRecord | null;
  findDisplayKeyByHash(keyHash: string): DisplayKeyRecord | null;
  /** False when there is no such key or it was already revoked. */
  revokeDisplayKey(id: string, atMs: number): boolean;
  touchDisplayKey(id: string, atMs: number): void;
  appendAudit(entry: AuditEntry): void;
  /** Newest first. */
  listAudit(options?: { limit?: number }): AuditEntry[];
  close(): void;
}
