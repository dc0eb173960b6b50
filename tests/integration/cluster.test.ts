import { afterEach, describe, expect, it } from 'vitest';
import { RedisCoordinator } from '@/lib/cluster/redis';
import { LoadStore } from '@/lib/load/store';
import { startSimulator, type SimulatorHandle } from '@/lib/simulator';
import { createWammClient } from '@/lib/wamm/client';
import { redisForTests } from '@/tests/support/redis';

// Three live data sets, as three instances hold them, coordinated through a real Redis against one
// simulated wamm.chat: one refresh per window for all of them, the same data everywhere, and another
// instance taking over when the refreshing one is gone.

const redis = await redisForTests('instances sharing one refresh');
const REFRESH_MS = 1000;

describe.runIf(redis !== null)('several instances', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function cluster(count: number): Promise<{ sim: SimulatorHandle; instances: Array<{ store: LoadStore; coordinator: RedisCoordinator }> }> {
    const sim = await startSimulator({ token: 'cluster-token', live: false, timezone: 'Europe/Moscow' });
    cleanup.push(() => sim.close());
    const prefix = redis!.prefix();
    const instances = [];
    for (let i = 0; i < count; i++) {
      const coordinator = new RedisCoordinator({ url: redis!.url, prefix });
      expect(await coordinator.ready()).toBe(true);
      const client = createWammClient({ baseUrl: sim.url, token: 'cluster-token', timeoutMs: 2000, timezone: 'Europe/Moscow' });
      const store = new LoadStore({ client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 2000, coordinator });
      cleanup.push(() => coordinator.close(), () => store.close());
      instances.push({ store, coordinator });
    }
    return { sim, instances };
  }

  it('makes one user_chats call per window whatever the viewers on every instance, and every instance shows the same data', async () => {
    const { sim, instances } = await cluster(3);
    sim.control.resetStats();
    const first = await Promise.all(Array.from({ length: 60 }, (_, i) => instances[i % 3]!.store.read()));
    expect(sim.control.stats().user_chats_all).toBe(1);
    const asOf = new Set(first.map((view) => view.data?.dataset.asOfMs));
    expect(asOf.size).toBe(1);
    expect(first.every((view) => view.data?.unfiltered.totals.openChats === first[0]!.data!.unfiltered.totals.openChats)).toBe(true);
    expect(instances.map(({ store }) => store.role).filter((role) => role === 'refreshing')).toHaveLength(1);

    // Three more windows of steady polling from all three: three more calls, not nine.
    const until = Date.now() + 3 * REFRESH_MS + 200;
    while (Date.now() < until) {
      await Promise.all(instances.map(({ store }) => store.read()));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const calls = sim.control.stats().user_chats_all;
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(5);
    const fences = await Promise.all(instances.map(({ store }) => store.read()));
    expect(new Set(fences.map((view) => view.data?.dataset.asOfMs)).size).toBe(1);
  });

  it('has fresh data again within a window and the lease when the refreshing instance is gone', async () => {
    const { instances } = await cluster(2);
    await Promise.all(instances.map(({ store }) => store.read()));
    const leader = instances.find(({ store }) => store.role === 'refreshing')!;
    const follower = instances.find((entry) => entry !== leader)!;
    // Gone without a word: no release of its lease, no more refreshes.
    leader.store.close();
    await leader.coordinator.close();
    const goneAt = Date.now();
    let asOf = (await follower.store.read()).data!.dataset.asOfMs;
    while (asOf < goneAt && Date.now() - goneAt < 4 * REFRESH_MS) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      asOf = (await follower.store.read()).data!.dataset.asOfMs;
    }
    expect(asOf).toBeGreaterThanOrEqual(goneAt);
    // Within one window plus the lease's time to live (also one window), and a little time to fetch.
    expect(Date.now() - goneAt).toBeLessThan(2 * REFRESH_MS + 1000);
    expect(follower.store.role).toBe('refreshing');
  });

  it('goes on alone when Redis is not there, and says so', async () => {
    const sim = await startSimulator({ token: 'cluster-token', live: false, timezone: 'Europe/Moscow' });
    cleanup.push(() => sim.close());
    const coordinator = new RedisCoordinator({ url: 'redis://127.0.0.1:1', prefix: redis!.prefix() });
    cleanup.push(() => coordinator.close());
    const client = createWammClient({ baseUrl: sim.url, token: 'cluster-token', timeoutMs: 2000, timezone: 'Europe/Moscow' });
    const store = new LoadStore({ client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 2000, coordinator });
    cleanup.push(() => store.close());
    const view = await store.read();
    expect(view.data?.unfiltered.totals.openChats).toBeGreaterThan(0);
    expect(store.role).toBe('alone');
    expect(coordinator.health().ok).toBe(false);
  });
});
