import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WammReader } from '@/lib/wamm/client';
import { WammError } from '@/lib/wamm/errors';
import type { OpenChat } from '@/lib/model/team';
import { operator } from '@/tests/support/team';
import { LoadStore } from './store';

const REFRESH_MS = 15_000;

// An in-memory upstream whose answers the test releases one at a time.
function upstream() {
  const pending: Array<{ resolve: (chats: OpenChat[]) => void; reject: (error: unknown) => void }> = [];
  let chatCalls = 0;
  const client: WammReader = {
    userChats: () =>
      new Promise<OpenChat[]>((resolve, reject) => {
        chatCalls++;
        pending.push({ resolve, reject });
      }),
    userList: async () => [operator('1', 'Анна')],
    channelList: async () => [],
  };
  const chats = (n: number): OpenChat[] =>
    Array.from({ length: n }, (_, i) => ({ chatId: String(i), chatName: '', phone: '', avatar: '', operatorId: '1', channelId: '1', lastMessageMs: null, group: false }));
  return {
    client,
    calls: () => chatCalls,
    answer: async (n: number) => {
      pending.shift()!.resolve(chats(n));
      await vi.advanceTimersByTimeAsync(0);
    },
    fail: async (error: unknown) => {
      pending.shift()!.reject(error);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

function store(client: WammReader) {
  return new LoadStore({ client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 10_000 });
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 28, 12, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LoadStore', () => {
  it('takes demand without waiting (a scrape), and reports each refresh it makes, good or failed', async () => {
    const up = upstream();
    const refreshes: Array<{ durationMs: number; ok: boolean }> = [];
    const s = new LoadStore({ client: up.client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 10_000, onRefresh: (refresh) => refreshes.push(refresh) });
    s.noteDemand();
    expect(up.calls()).toBe(1);
    expect(s.view().data).toBeNull();
    await vi.advanceTimersByTimeAsync(1200);
    await up.answer(4);
    expect(s.view().data?.unfiltered.totals.openChats).toBe(4);
    expect(refreshes).toEqual([{ durationMs: expect.any(Number), ok: true }]);
    expect(refreshes[0]!.durationMs).toBeGreaterThanOrEqual(1200);
    s.noteDemand();
    expect(up.calls()).toBe(1);
    // Kept warm by that demand: the next window's refresh starts by itself.
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(up.calls()).toBe(2);
    await up.fail(new WammError('upstream_timeout', { method: 'user_chats' }));
    expect(refreshes.map((refresh) => refresh.ok)).toEqual([true, false]);
    s.close();
  });

  it('shares one upstream fetch among every viewer waiting for the first data', async () => {
    const up = upstream();
    const s = store(up.client);
    const reads = Array.from({ length: 50 }, () => s.read());
    await up.answer(3);
    const views = await Promise.all(reads);
    expect(up.calls()).toBe(1);
    for (const view of views) expect(view.data?.unfiltered.totals.openChats).toBe(3);
  });

  it('refreshes at most once per interval, however many requests come', async () => {
    const up = upstream();
    const s = store(up.client);
    const first = s.read();
    await up.answer(1);
    await first;
    for (let i = 0; i < 100; i++) await s.read();
    await vi.advanceTimersByTimeAsync(REFRESH_MS - 1000);
    for (let i = 0; i < 100; i++) await s.read();
    expect(up.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(up.calls()).toBe(2);
  });

  it('answers from the current data while a refresh is in flight', async () => {
    const up = upstream();
    const s = store(up.client);
    const first = s.read();
    await up.answer(1);
    await first;
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(up.calls()).toBe(2);
    const view = await s.read(); // the second answer is still pending
    expect(view.data?.unfiltered.totals.openChats).toBe(1);
    await up.answer(2);
    expect((await s.read()).data?.unfiltered.totals.openChats).toBe(2);
  });

  it('keeps the last good data, marked stale, when the upstream fails, and recovers by itself', async () => {
    const up = upstream();
    const s = store(up.client);
    const first = s.read();
    await up.answer(4);
    await first;
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    await up.fail(new WammError('upstream_unavailable', { method: 'user_chats', detail: 'connection refused' }));
    const failing = await s.read();
    expect(failing).toMatchObject({ stale: true, consecutiveFailures: 1 });
    expect(failing.upstreamError?.code).toBe('upstream_unavailable');
    expect(failing.data?.unfiltered.totals.openChats).toBe(4);

    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    await up.answer(5);
    const recovered = await s.read();
    expect(recovered).toMatchObject({ stale: false, upstreamError: null, consecutiveFailures: 0 });
    expect(recovered.data?.unfiltered.totals.openChats).toBe(5);
  });

  it('backs off while failing, never more than a minute between tries', async () => {
    const up = upstream();
    const s = store(up.client);
    const first = s.read();
    await up.answer(1);
    await first;
    const tries: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 6; i++) {
      // Wait for the next try (the keep-warm timer starts it); reads in between must not.
      while (up.calls() === i + 1) {
        await s.read();
        await vi.advanceTimersByTimeAsync(1000);
      }
      tries.push(Date.now() - start);
      await up.fail(new WammError('upstream_timeout', { method: 'user_chats' }));
    }
    const gaps = tries.slice(1).map((t, i) => t - tries[i]!);
    expect(gaps).toEqual([15_000, 30_000, 60_000, 60_000, 60_000]);
  });

  it('reports the upstream error when there has never been data', async () => {
    const up = upstream();
    const s = store(up.client);
    const read = s.read();
    await up.fail(new WammError('token_fail', { method: 'user_chats' }));
    const view = await read;
    expect(view.data).toBeNull();
    expect(view.upstreamError).toEqual({ code: 'token_fail', message: 'wamm.chat rejected the API token (token fail): check WAMM_TOKEN' });
  });

  it('stops refreshing a while after the last viewer left', async () => {
    const up = upstream();
    const s = store(up.client);
    const first = s.read();
    await up.answer(1);
    await first;
    for (let i = 0; i < 40; i++) {
      await vi.advanceTimersByTimeAsync(REFRESH_MS);
      if (up.calls() > i + 1) await up.answer(1);
    }
    // Five minutes of keep-warm at 15 s, then quiet.
    expect(up.calls()).toBeGreaterThanOrEqual(20);
    expect(up.calls()).toBeLessThanOrEqual(22);
    s.close();
  });
});

describe('LoadStore and a wall clock that is stepped', () => {
  const HOUR = 3_600_000;

  /** The wall clock is the fake Date shifted by `step`; the monotonic clock just runs. */
  function clocks() {
    const started = Date.now();
    let step = 0;
    return {
      now: () => Date.now() + step,
      monotonic: () => Date.now() - started,
      stepWall: (ms: number) => {
        step += ms;
      },
    };
  }

  async function firstData(up: ReturnType<typeof upstream>, clock: ReturnType<typeof clocks>) {
    const s = new LoadStore({ client: up.client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 10_000, now: clock.now, monotonic: clock.monotonic });
    const first = s.read();
    await up.answer(1);
    await first;
    return s;
  }

  it('refreshes on time after the wall clock steps back an hour, and stamps the data with the new wall time', async () => {
    const up = upstream();
    const clock = clocks();
    const s = await firstData(up, clock);
    clock.stepWall(-HOUR);
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    await s.read();
    expect(up.calls()).toBe(2);
    await up.answer(2);
    const view = await s.read();
    expect(view.data?.unfiltered.totals.openChats).toBe(2);
    expect(view.data?.dataset.asOfMs).toBe(clock.now());
    expect(view.stale).toBe(false);
    s.close();
  });

  it('does not call fresh data stale when the wall clock steps forward an hour', async () => {
    const up = upstream();
    const clock = clocks();
    const s = await firstData(up, clock);
    clock.stepWall(HOUR);
    expect(s.view().stale).toBe(false);
    const view = await s.read();
    expect(view.stale).toBe(false);
    // Nor does it refresh early: the interval is the monotonic one.
    expect(up.calls()).toBe(1);
    s.close();
  });

  it('backs off on the monotonic clock while failing, whatever the wall clock does', async () => {
    const up = upstream();
    const clock = clocks();
    const s = await firstData(up, clock);
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    await up.fail(new WammError('upstream_unavailable', { method: 'user_chats' }));
    clock.stepWall(-HOUR);
    // The backoff after one failure is one interval, then the keep-warm timer tries again.
    await s.read();
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(up.calls()).toBe(3);
    s.close();
  });
});

describe('LoadStore right after start', () => {
  it('asks again at the next refresh for an operator list that failed, however young the process', async () => {
    const up = upstream();
    let listCalls = 0;
    up.client.userList = async () => {
      listCalls++;
      if (listCalls === 1) throw new WammError('upstream_unavailable', { method: 'user_list' });
      return [operator('1', 'Анна')];
    };
    // A monotonic clock starts near zero when the process does.
    const started = Date.now();
    const s = new LoadStore({ client: up.client, refreshMs: REFRESH_MS, upstreamTimeoutMs: 10_000, monotonic: () => Date.now() - started });
    const first = s.read();
    await up.answer(1);
    await first;
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    await up.answer(1);
    expect(listCalls).toBe(2);
    expect((await s.read()).data?.dataset.operators.map((o) => o.name)).toEqual(['Анна']);
    s.close();
  });
});
