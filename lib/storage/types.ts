// What chatload keeps: one repository per aggregate, each async, behind these interfaces. Types only,
// no driver import: the SQLite file (lib/storage/sqlite) and PostgreSQL (lib/storage/postgres) both
// implement them, and lib/storage/open.ts is the one place that picks the backend. Services in
// lib/ ask for the repository they need; routes never see storage.
//
// Every method may reject with a StorageUnavailableError (./errors): the database cannot be
// reached, is locked by another process, or is full. Callers that only keep books (a display's
// last-seen time) swallow it; callers whose work needs storage turn it into a 503 (lib/api).

// ── Saved snapshots ────────────────────────────────────────────────────────────────────────────

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
  /** The team filter in force when it was saved (teams came with schema 4; older rows have null). */
  filterTeam: string | null;
  openChats: number;
  operators: number;
  oldestAgeSeconds: number | null;
  complete: boolean;
  /** The frozen data, serialized JSON with its own version, opaque to storage. */
  data: string;
}

export type SnapshotSummary = Omit<SnapshotRecord, 'data'>;

export interface SnapshotRepository {
  /** Refuses an id that exists already (never overwrites). */
  save(record: SnapshotRecord): Promise<void>;
  /** Newest first (by createdAtMs). */
  list(options?: { limit?: number }): Promise<SnapshotSummary[]>;
  get(id: string): Promise<SnapshotRecord | null>;
  /** False when no snapshot had that id. */
  delete(id: string): Promise<boolean>;
  lastScheduledAtMs(): Promise<number | null>;
  /** Deletes snapshots saved before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

// ── Minute history ─────────────────────────────────────────────────────────────────────────────

/**
 * `team_capacity` and `team_critical` hold one number per team and minute in `openChats`: what the
 * team's available operators could take, and its chats past the critical threshold.
 */
export type HistoryScope = 'total' | 'operator' | 'channel' | 'team' | 'team_capacity' | 'team_critical';

export interface HistorySample {
  /**
   * Epoch ms; stored to the minute (floored). One sample per scope id and minute: the first one
   * written stays, a later one for the same minute is ignored (a clock stepping back does not
   * rewrite history).
   */
  atMs: number;
  scope: HistoryScope;
  /** Operator id, channel id or team id; '' for the total; '0' for the unassigned row. */
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

export interface HistoryRepository {
  /** All samples in one transaction: a tick is recorded whole or not at all. Minutes already recorded are kept as they are. */
  insert(samples: readonly HistorySample[]): Promise<void>;
  /** With a scopeId (or for 'total'): exactly one series, maybe empty. Without: one per id seen, sorted by id. */
  query(query: HistoryQuery): Promise<HistorySeries[]>;
  /** The newest minute recorded (epoch ms), or null when there is none. */
  lastSampleAtMs(): Promise<number | null>;
  /** Deletes samples older than beforeMs; returns the rows deleted. */
  prune(beforeMs: number): Promise<number>;
}

// ── Display keys ───────────────────────────────────────────────────────────────────────────────

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

export interface DisplayKeyRepository {
  save(record: DisplayKeyRecord): Promise<void>;
  /** Newest first, revoked ones included. */
  list(): Promise<DisplayKeyRecord[]>;
  get(id: string): Promise<DisplayKeyRecord | null>;
  findByHash(keyHash: string): Promise<DisplayKeyRecord | null>;
  /** False when there is no such key or it was already revoked. */
  revoke(id: string, atMs: number): Promise<boolean>;
  touch(id: string, atMs: number): Promise<void>;
}

// ── Sessions ───────────────────────────────────────────────────────────────────────────────────

export type SessionRole = 'viewer' | 'manager' | 'display';

export interface SessionRecord {
  /** 128 random bits, base64url; the signed cookie carries it. */
  id: string;
  /** The account's name; for a display, its key's label. */
  account: string;
  role: SessionRole;
  /** The display key a display session was made from. */
  displayKeyId: string | null;
  /** A keyed fingerprint of the account's password and role when signed in: a change ends the session. */
  credential: string;
  createdAtMs: number;
  /** Last request seen, to the minute: the idle limit counts from here. */
  seenAtMs: number;
  /** The absolute end; null for a display (its key is revoked instead). */
  expiresAtMs: number | null;
  revokedAtMs: number | null;
  /** Where it was signed in from, and the browser's name, for the sessions list. */
  address: string | null;
  userAgent: string | null;
}

export interface SessionRepository {
  create(record: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | null>;
  /** Only moves seenAtMs forward. */
  touch(id: string, atMs: number): Promise<void>;
  /** False when there is no such session or it had ended already. */
  revoke(id: string, atMs: number): Promise<boolean>;
  /** Ends every open session of an account (its role or password changed, or it was removed). */
  revokeAccount(account: string, atMs: number): Promise<number>;
  /** Sessions neither revoked nor past their absolute end at `nowMs`, newest first. */
  listOpen(nowMs: number): Promise<SessionRecord[]>;
  /** Forgets sessions that ended (revoked or expired) before `beforeMs`. */
  prune(beforeMs: number): Promise<number>;
}

// ── Audit log ──────────────────────────────────────────────────────────────────────────────────

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_limited'
  | 'sign_out'
  | 'session_ended'
  | 'snapshot_saved'
  | 'snapshot_deleted'
  | 'display_key_created'
  | 'display_key_revoked'
  | 'display_paired'
  | 'display_refused'
  | 'settings_changed'
  | 'chat_moved'
  | 'chat_assigned'
  | 'alert_test_sent';

export interface AuditInput {
  atMs: number;
  /** Who: an account name, a display key's label, a rule, or null when unknown (a failed sign-in). */
  actor: string | null;
  role: string | null;
  action: AuditAction;
  /** What, in a few words: a snapshot id, a key's label; never a password, a phone or a customer. */
  detail: string | null;
  address: string | null;
}

export interface AuditEntry extends AuditInput {
  /** Repeats folded into this entry (1 for a single event); the last of them at lastAtMs. */
  count: number;
  lastAtMs: number;
}

export interface AuditRepository {
  append(entry: AuditInput): Promise<void>;
  /**
   * Counts the event into the newest entry with the same action, actor, detail and address whose
   * last repeat is at or after `sinceMs`, or appends a new one: a burst of refusals is one row.
   */
  appendFolded(entry: AuditInput, sinceMs: number): Promise<void>;
  /** Newest first by the last repeat, so a burst that is still going on stays at the top. */
  list(options?: { limit?: number }): Promise<AuditEntry[]>;
  /** Deletes entries whose last repeat is before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

// ── Moves (reassignments made through wamm.chat) ──────────────────────────────────────────────

export const MOVE_STATUSES = ['moved', 'skipped', 'failed', 'unknown'] as const;
export type MoveStatus = (typeof MOVE_STATUSES)[number];
export const MOVE_TRIGGERS = ['manual', 'auto', 'undo'] as const;
export type MoveTrigger = (typeof MOVE_TRIGGERS)[number];

export interface MoveRecord {
  /** 128 random bits, base64url. */
  id: string;
  atMs: number;
  trigger: MoveTrigger;
  /** Who: an account name, or null for automatic rebalancing. */
  actor: string | null;
  chatId: string;
  /** null: nobody was responsible. */
  fromOperatorId: string | null;
  /** null: the chat was unassigned. */
  toOperatorId: string | null;
  /** The planner's reason (over_capacity, …) or null for a move by hand. */
  reason: string | null;
  status: MoveStatus;
  /** What happened, as a code: moved, closed, already_there, moved_elsewhere, phone_fail, user_not_active, … */
  outcome: string;
  /** The move this one undid; null otherwise. */
  undoOf: string | null;
  /** When this move was undone; null while it stands. */
  undoneAtMs: number | null;
}

export interface MoveRepository {
  append(record: MoveRecord): Promise<void>;
  /** Newest first; `sinceMs` limits to moves at or after it. */
  list(options?: { limit?: number; sinceMs?: number }): Promise<MoveRecord[]>;
  get(id: string): Promise<MoveRecord | null>;
  /** Marks a move undone; false when it was undone already or does not exist. */
  markUndone(id: string, atMs: number): Promise<boolean>;
  /** Deletes moves before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

// ── Documents (settings, and the state of later features) ─────────────────────────────────────

export interface StoredDocument {
  /** JSON, opaque to storage. */
  json: string;
  /** Bumped by every put: a put naming an older revision is refused (two managers saving at once). */
  revision: number;
  updatedAtMs: number;
  updatedBy: string | null;
}

export interface DocumentRepository {
  get(name: string): Promise<StoredDocument | null>;
  /**
   * Stores a new revision; with `expectedRevision` only if the stored one is still that (0 = none
   * yet), else returns null and changes nothing.
   */
  put(name: string, json: string, meta: { atMs: number; by: string | null; expectedRevision?: number }): Promise<StoredDocument | null>;
}

// ── Alerts (state of each condition, what fired, what was sent where) ─────────────────────────

/** What chatload remembers about one watched condition (a rule for one team, operator or channel). */
export interface AlertStateRecord {
  /** The rule's id and the scope it watches: "critical:support", "over:8101". */
  key: string;
  ruleId: string;
  /** JSON, opaque to storage (lib/alerts/rules.ts reads it). */
  json: string;
  updatedAtMs: number;
}

export interface AlertStateRepository {
  list(): Promise<AlertStateRecord[]>;
  /** Writes or replaces the states in `put` and forgets those in `remove`, in one transaction. */
  apply(changes: { put: readonly AlertStateRecord[]; remove: readonly string[] }): Promise<void>;
}

export interface AlertEventRecord {
  /** 128 random bits, base64url. */
  id: string;
  ruleId: string;
  kind: string;
  /** The condition's key (AlertStateRecord.key). */
  key: string;
  teamId: string | null;
  /** A name for what it is about (a team, an operator, a channel); null for everyone. */
  subject: string | null;
  /** When the condition began to hold (pending). */
  startedAtMs: number;
  firedAtMs: number;
  resolvedAtMs: number | null;
  value: number;
  threshold: number;
}

export interface AlertEventRepository {
  /** Refuses an id that exists already. */
  insert(record: AlertEventRecord): Promise<void>;
  /** Only sets it once; false when it was resolved already or does not exist. */
  resolve(id: string, atMs: number, value: number): Promise<boolean>;
  /** Newest first (by firedAtMs). */
  list(options?: { limit?: number; sinceMs?: number }): Promise<AlertEventRecord[]>;
  get(id: string): Promise<AlertEventRecord | null>;
  prune(beforeMs: number): Promise<number>;
}

export const ALERT_CHANNELS = ['webhook', 'telegram', 'email'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  id: string;
  /** The alert event it is about; a shift report's id for a report. */
  eventId: string;
  /** Which message of the event: "fired", "reminder:2", "resolved", "report". */
  message: string;
  channel: AlertChannel;
  /** What to send, JSON, opaque to storage (never a secret: targets and tokens are looked up when sending). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** When it may be tried (again). */
  nextAtMs: number;
  /** A sentence without secrets; null before a failure. */
  lastError: string | null;
  createdAtMs: number;
  /** When it was last tried (sent or failed); null before the first attempt. */
  attemptedAtMs: number | null;
}

export interface DeliveryRepository {
  /** Adds the deliveries not queued yet: at most one per event, message and channel, ever. Returns how many were new. */
  enqueue(records: readonly DeliveryRecord[]): Promise<number>;
  /**
   * Claims up to `limit` pending deliveries due at `nowMs` for `leaseMs`: a claimed row is not
   * handed to anyone else (any instance) until the lease has passed or it was settled.
   */
  claim(nowMs: number, leaseMs: number, limit: number, channel?: AlertChannel): Promise<DeliveryRecord[]>;
  /** Records an attempt's outcome: sent, failed for good, or pending again at `nextAtMs`. */
  settle(id: string, outcome: { status: DeliveryStatus; attempts: number; nextAtMs: number; lastError: string | null; atMs: number }): Promise<void>;
  listForEvents(eventIds: readonly string[]): Promise<DeliveryRecord[]>;
  prune(beforeMs: number): Promise<number>;
}

// ── The database ───────────────────────────────────────────────────────────────────────────────

export type StorageKind = 'sqlite' | 'postgres';

export interface StorageHealth {
  ok: boolean;
  /** The database in words, without credentials: "SQLite file data/chatload.db", "PostgreSQL 127.0.0.1:5432/chatload". */
  database: string;
  /** Why it is failing, in a sentence; null while it works. */
  problem: string | null;
  /** Since when it has been failing (epoch ms); null while it works. */
  failingSinceMs: number | null;
}

export interface Storage {
  readonly kind: StorageKind;
  readonly snapshots: SnapshotRepository;
  readonly history: HistoryRepository;
  readonly displayKeys: DisplayKeyRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly documents: DocumentRepository;
  readonly moves: MoveRepository;
  readonly alertStates: AlertStateRepository;
  readonly alertEvents: AlertEventRepository;
  readonly deliveries: DeliveryRepository;
  /** Whether the last calls worked, for /api/health; cheap, never touches the database. */
  health(): StorageHealth;
  close(): Promise<void>;
}
