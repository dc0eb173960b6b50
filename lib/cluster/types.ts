// How several chatload instances act as one. Without REDIS_URL there is one instance and the local
// coordinator grants everything (lib/cluster/local.ts); with it, Redis holds the leases, the
// shared data set and the shared counters (lib/cluster/redis.ts). Services ask for what they need
// (a lease, a once-only claim, a shared limit); none of them knows which one is behind it.

/** A claim on some work that only one instance may do at a time, e.g. the refresh of a window. */
export interface Lease {
  /** Grows with every claim ever made: data stamped with an older one is refused (fencing). */
  readonly fence: number;
  /** Keeps the lease a while longer, if it is still ours; false when another instance holds it now. */
  renew(ttlMs: number): Promise<boolean>;
  /** Gives it up early (on shutdown), only if it is still ours. */
  release(): Promise<void>;
}

/** The live data set as the refreshing instance publishes it: serialized state, its fence, its time. */
export interface PublishedData {
  fence: number;
  /** JSON of the store's published state (lib/load/store.ts). */
  payload: string;
}

export interface ClusterHealth {
  mode: 'single' | 'redis';
  ok: boolean;
  /** Redis in words, without credentials; null for a single instance. */
  redis: string | null;
  /** What is wrong, in a sentence; null while it works. */
  problem: string | null;
  failingSinceMs: number | null;
}

/** Failed attempts per address (sign-in, display pairing), counted across instances. */
export interface AttemptCounter {
  /** Reserves an attempt; the verdict says whether it may go ahead. Atomic across instances. */
  reserve(address: string, limits: { perAddress: number; overall: number; windowMs: number; nowMs: number }): Promise<{ ok: boolean; retryAfterMs: number }>;
  settle(address: string, outcome: 'succeed' | 'fail' | 'release', nowMs: number, windowMs: number): Promise<void>;
}

export interface Coordinator {
  readonly mode: 'single' | 'redis';
  /** Claims `name` for `ttlMs` if nobody holds it; null when another instance does. */
  tryLease(name: string, ttlMs: number): Promise<Lease | null>;
  /** True for exactly one caller cluster-wide per key (kept for `ttlMs`): "this scheduled snapshot is mine". */
  once(key: string, ttlMs: number): Promise<boolean>;
  /** Publishes the data set; refused (false) when a newer fence has published already. */
  publishData(data: PublishedData): Promise<boolean>;
  /** The data set last published by any instance, or null. */
  readData(): Promise<PublishedData | null>;
  /** Called when another instance publishes a new data set (fence); returns an unsubscribe. */
  onData(listener: (fence: number) => void): () => void;
  /** Tells every instance a session ended, so none of them keeps it in its cache. */
  announceSessionEnded(sessionId: string): Promise<void>;
  onSessionEnded(listener: (sessionId: string) => void): () => void;
  /** Failed attempts (sign-in, pairing) under `scope`, shared by every instance. */
  attempts(scope: string): AttemptCounter | null;
  health(): ClusterHealth;
  close(): Promise<void>;
}
