// Redis for tests: each test file gets a key prefix of its own (chatload-test:<random>), its keys
// deleted after it. Without a server the Redis suites are skipped with a line saying which and why —
// unless CHATLOAD_REQUIRE_SERVICES=1 (CI), where a missing server fails them.
//   TEST_REDIS_URL  the server (redis://127.0.0.1:6379)
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, it } from 'vitest';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** A fresh prefix; its keys are deleted after the file. */
  prefix(): string;
  /** The keys under a prefix, for looking behind the coordinator. */
  keys(prefix: string): Promise<string[]>;
}

async function reachable(): Promise<string | null> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

export async function redisForTests(suite: string): Promise<TestRedis | null> {
  const problem = await reachable();
  if (problem !== null) {
    const why = `Redis at ${new URL(TEST_REDIS_URL).host} is not reachable (${problem}); set TEST_REDIS_URL or start the server`;
    if (process.env.CHATLOAD_REQUIRE_SERVICES === '1') {
      it(`${suite} needs Redis (CHATLOAD_REQUIRE_SERVICES=1)`, () => {
        throw new Error(why);
      });
    } else {
      console.log(`skipped: ${suite}: ${why}`);
      it.skip(`${suite} (no Redis)`, () => undefined);
    }
    return null;
  }
  const prefixes: string[] = [];
  const admin = new Redis(TEST_REDIS_URL);
  const keys = async (prefix: string) => admin.keys(`${prefix}:*`);
  afterAll(async () => {
    for (const prefix of prefixes) {
      const found = await keys(prefix);
      if (found.length > 0) await admin.del(...found);
    }
    admin.disconnect();
  });
  return {
    url: TEST_REDIS_URL,
    prefix() {
      const prefix = `chatload-test:${randomBytes(5).toString('hex')}`;
      prefixes.push(prefix);
      return prefix;
    },
    keys,
  };
}
