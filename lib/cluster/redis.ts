import { Redis } from 'ioredis';
import type { AttemptCounter, ClusterHealth, Coordinator, Lease, PublishedData } from './types';

// Several instances acting as one through Redis: leases with fencing tokens (a lease is claimed with
// SET NX and a number that only grows; renewed and released only by the holder, checked in a
// script), the published data set (stored only if its fence is not older than the stored one) with
// a pub/sub message to the others, once-only claims, session endings and attempt counters.
//
// Redis is an aid, not a dependency of the dashboard: commands fail fast while it is away (no
// offline queue, short timeouts), callers then carry on alone, and the connection comes back by
// itself. Keys live under a prefix of their own, so tests and several teams can share one Redis.

export interface RedisCoordinatorOptions {
  url: string;
  /** Prefix of every key and channel; default "chatload". */
  prefix?: string;
  log?: { info(message: string): void; warn(message: string): void };
  now?: () => number;
}

const CLAIM = `
local fence = redis.call('INCR', KEYS[2])
if redis.call('SET', KEYS[1], fence, 'NX', 'PX', ARGV[1]) then return fence end
return 0`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// KEYS: data, data fence, channel-less; ARGV: fence, payload, channel
const PUBLISH = `
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local fence = tonumber(ARGV[1])
if fence < current then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], fence)
redis.call('PUBLISH', ARGV[3], fence)
return 1`;

// KEYS: failures of the address, attempts in flight of the address, failures of everyone.
// ARGV: now, window, per address, overall. Returns {ok, retry after ms}.
const RESERVE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
local recent = redis.call('ZCARD', KEYS[1])
local pending = tonumber(redis.call('GET', KEYS[2]) or '0')
if recent + pending >= tonumber(ARGV[3]) then
  if recent > 0 and recent + pending >= tonumber(ARGV[3]) then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {0, tonumber(oldest[2]) + window - now}
  end
  return {0, 1000}
end
if recent > 0 and redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 120000)
return {1, 0}`;

// KEYS: as RESERVE. ARGV: outcome, now, window, a unique member.
const SETTLE = `
local pending = tonumber(redis.call('GET', KEYS[2]) or '0')
if pending > 0 then redis.call('DECR', KEYS[2]) end
if ARGV[1] == 'succeed' then redis.call('DEL', KEYS[1]) end
if ARGV[1] == 'fail' then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
return 1`;

export class RedisCoordinator implements Coordinator {
  readonly mode = 'redis' as const;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly dataListeners = new Set<(fence: number) => void>();
  private readonly sessionListeners = new Set<(sessionId: string) => void>();
  private failingSinceMs: number | null = null;
  private problem: string | null = null;
  private readonly now: () => number;
  private sequence = 0;
  private closed = false;

  constructor(private readonly options: RedisCoordinatorOptions) {
    this.prefix = options.prefix ?? 'chatload';
    this.now = options.now ?? Date.now;
    const connection = {
      // Fail at once while Redis is away, rather than queue: the caller then goes on alone.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 1500,
      lazyConnect: false,
      retryStrategy: (times: number) => Math.min(5000, 200 * 2 ** Math.min(times, 5)),
    };
    this.client = new Redis(options.url, connection);
    this.subscriber = new Redis(options.url, { ...connection, commandTimeout: undefined });
    for (const connectionOf of [this.client, this.subscriber]) {
      connectionOf.on('error', (error: Error) => this.failing(error));
      connectionOf.on('ready', () => this.recovered());
    }
    this.subscriber.on('ready', () => {
      void this.subscriber.subscribe(this.channel('data'), this.channel('sessions')).catch((error: Error) => this.failing(error));
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel('data')) {
        const fence = Number(message);
        if (Number.isFinite(fence)) for (const listener of this.dataListeners) listener(fence);
      } else if (channel === this.channel('sessions')) {
        for (const listener of this.sessionListeners) listener(message);
      }
    });
  }

  /** Waits (up to `timeoutMs`) for the first connection; false when Redis is not there. */
  async ready(timeoutMs = 3000): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  async tryLease(name: string, ttlMs: number): Promise<Lease | null> {
    const key = this.key(`lease:${name}`);
    const fence = Number(await this.run(() => this.client.eval(CLAIM, 2, key, this.key('fence'), String(Math.max(1, Math.round(ttlMs))))));
    if (!fence) return null;
    return {
      fence,
      renew: async (renewMs) => Number(await this.run(() => this.client.eval(RENEW, 1, key, String(fence), String(Math.max(1, Math.round(renewMs)))))) === 1,
      release: async () => {
        await this.run(() => this.client.eval(RELEASE, 1, key, String(fence))).catch(() => undefined);
      },
    };
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    const result = await this.run(() => this.client.set(this.key(`once:${key}`), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX'));
    return result === 'OK';
  }

  async publishData(data: PublishedData): Promise<boolean> {
    const stored = await this.run(() => this.client.eval(PUBLISH, 2, this.key('data'), this.key('data:fence'), String(data.fence), data.payload, this.channel('data')));
    return Number(stored) === 1;
  }

  async readData(): Promise<PublishedData | null> {
    const [fence, payload] = await this.run(() => this.client.mget(this.key('data:fence'), this.key('data')));
    if (fence === null || fence === undefined || payload === null || payload === undefined) return null;
    return { fence: Number(fence), payload };
  }

  onData(listener: (fence: number) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  async announceSessionEnded(sessionId: string): Promise<void> {
    await this.run(() => this.client.publish(this.channel('sessions'), sessionId));
  }

  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  attempts(scope: string): AttemptCounter {
    const keys = (address: string) => [this.key(`attempts:${scope}:failed:${address}`), this.key(`attempts:${scope}:pending:${address}`), this.key(`attempts:${scope}:all`)];
    return {
      reserve: async (address, limits) => {
        const [ok, wait] = (await this.run(() =>
          this.client.eval(RESERVE, 3, ...keys(address), String(limits.nowMs), String(limits.windowMs), String(limits.perAddress), String(limits.overall)),
        )) as [number, number];
        return { ok: ok === 1, retryAfterMs: Number(wait) };
      },
      settle: async (address, outcome, nowMs, windowMs) => {
        const member = `${nowMs}:${process.pid}:${++this.sequence}`;
        await this.run(() => this.client.eval(SETTLE, 3, ...keys(address), outcome, String(nowMs), String(windowMs), member));
      },
    };
  }

  health(): ClusterHealth {
    const ok = this.client.status === 'ready' && this.problem === null;
    return { mode: 'redis', ok, redis: `Redis ${describeRedisUrl(this.options.url)}`, problem: ok ? null : (this.problem ?? 'Redis is not connected yet'), failingSinceMs: ok ? null : (this.failingSinceMs ?? this.now()) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.dataListeners.clear();
    this.sessionListeners.clear();
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  private key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  private channel(name: string): string {
    return `${this.prefix}:channel:${name}`;
  }

  /** A command that fails says so in health, once; the caller decides what to do without Redis. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      const result = await command();
      if (this.problem !== null && this.client.status === 'ready') this.recovered();
      return result;
    } catch (error) {
      this.failing(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private failing(error: Error): void {
    if (this.closed) return;
    const code = (error as { code?: string }).code;
    const reason = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ETIMEDOUT' || /timed? ?out/i.test(error.message) ? 'no answer in time' : code ?? 'not reachable';
    const problem = `Redis ${describeRedisUrl(this.options.url)} is not reachable (${reason}): each instance works alone until it is back`;
    // The connection's own error says why (refused, timed out); a command refused meanwhile says less.
    if (this.problem !== null && !code) return;
    if (this.problem === null) {
      this.failingSinceMs = this.now();
      this.options.log?.warn(`cluster: ${problem}`);
    }
    this.problem = problem;
  }

  private recovered(): void {
    if (this.problem === null) return;
    this.problem = null;
    this.failingSinceMs = null;
    this.options.log?.info(`cluster: Redis ${describeRedisUrl(this.options.url)} answers again; the instances act as one`);
  }
}

/** host:port (and database) of a Redis URL, never its password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '');
    return `at ${parsed.hostname || 'localhost'}:${parsed.port || '6379'}${database ? `/${database}` : ''}`;
  } catch {
    return 'at an unreadable REDIS_URL';
  }
}
