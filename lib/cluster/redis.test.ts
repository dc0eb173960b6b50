import { afterEach, describe, expect, it } from 'vitest';
import { redisForTests } from '@/tests/support/redis';
import { RedisCoordinator } from './redis';

// The coordinator against a real Redis: leases, fences, publication, once-only claims and shared
// counters as several instances see them (one coordinator per instance, one prefix per test).

const redis = await redisForTests('Redis coordinator');

describe.runIf(redis !== null)('the Redis coordinator', () => {
  const opened: RedisCoordinator[] = [];
  afterEach(async () => {
    for (const coordinator of opened.splice(0)) await coordinator.close();
  });
  async function instances(count: number, prefix = redis!.prefix()): Promise<RedisCoordinator[]> {
    const made = Array.from({ length: count }, () => new RedisCoordinator({ url: redis!.url, prefix }));
    opened.push(...made);
    for (const coordinator of made) expect(await coordinator.ready()).toBe(true);
    return made;
  }

  it('grants a lease to exactly one of several instances asking at once, with a fence that only grows', async () => {
    const all = await instances(5);
    const leases = await Promise.all(all.map((coordinator) => coordinator.tryLease('refresh', 1000)));
    const granted = leases.filter((lease) => lease !== null);
    expect(granted).toHaveLength(1);
    const first = granted[0]!;
    // Only the holder renews or releases it.
    expect(await first.renew(1000)).toBe(true);
    await first.release();
    const next = await all[1]!.tryLease('refresh', 1000);
    expect(next).not.toBeNull();
    expect(next!.fence).toBeGreaterThan(first.fence);
    expect(await first.renew(1000)).toBe(false);
    await first.release();
    expect(await all[2]!.tryLease('refresh', 1000)).toBeNull();
  });

  it('lets a lease run out, so another instance takes over when the holder is gone', async () => {
    const [a, b] = await instances(2);
    expect(await a!.tryLease('refresh', 150)).not.toBeNull();
    expect(await b!.tryLease('refresh', 150)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await b!.tryLease('refresh', 150)).not.toBeNull();
  });

  it('publishes the data set to every instance, and refuses data stamped with an older fence', async () => {
    const [leader, follower] = await instances(2);
    const heard: number[] = [];
    follower!.onData((fence) => heard.push(fence));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await leader!.publishData({ fence: 7, payload: '{"n":7}' })).toBe(true);
    expect(await leader!.publishData({ fence: 5, payload: '{"n":5}' })).toBe(false);
    expect(await follower!.readData()).toEqual({ fence: 7, payload: '{"n":7}' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual([7]);
  });

  it('gives a once-only claim to one instance per key', async () => {
    const all = await instances(4);
    const claims = await Promise.all(all.map((coordinator) => coordinator.once('snapshot:1700000000000', 10_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await all[0]!.once('snapshot:1700000060000', 10_000)).toBe(true);
  });

  it('counts failed attempts of an address across instances, and reserves before checking', async () => {
    const [a, b] = await instances(2);
    const limits = { perAddress: 5, overall: 50, windowMs: 60_000, nowMs: Date.now() };
    const reserved = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).attempts('sign-in').reserve('198.51.100.7', limits)));
    expect(reserved.filter((entry) => entry.ok)).toHaveLength(5);
    for (let i = 0; i < 5; i++) await a!.attempts('sign-in').settle('198.51.100.7', 'fail', Date.now(), 60_000);
    const refused = await b!.attempts('sign-in').reserve('198.51.100.7', { ...limits, nowMs: Date.now() });
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(50_000);
  });

  it('tells the others a session ended', async () => {
    const [a, b] = await instances(2);
    const heard: string[] = [];
    b!.onSessionEnded((id) => heard.push(id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a!.announceSessionEnded('session-1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual(['session-1']);
  });

  it('says plainly when Redis cannot be reached, without its password, and fails fast rather than wait', async () => {
    const away = new RedisCoordinator({ url: 'redis://:hunter2secret@127.0.0.1:1/0' });
    opened.push(away);
    expect(await away.ready(500)).toBe(false);
    const started = performance.now();
    await expect(away.tryLease('refresh', 1000)).rejects.toBeDefined();
    expect(performance.now() - started).toBeLessThan(1000);
    const health = away.health();
    expect(health).toMatchObject({ mode: 'redis', ok: false, redis: 'Redis at 127.0.0.1:1/0' });
    expect(health.problem).toMatch(/^Redis at 127\.0\.0\.1:1\/0 is not reachable \(connection refused\): each instance works alone/);
    expect(JSON.stringify(health)).not.toContain('hunter2');
  });
});
