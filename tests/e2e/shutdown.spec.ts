import { expect, test } from '@playwright/test';
import { startSimulator, type SimulatorHandle } from '@/lib/simulator';
import { APP_PORT, E2E_TOKEN } from './support/env';
import { startExtraApp, type ExtraApp } from './support/extra-app';

// `docker stop` on the built server (scripts/serve.mjs): SIGTERM while a request waits on a slow
// wamm.chat. That request is answered, nobody new gets in, and the process is gone well within the
// 10 s before SIGKILL. Its own simulator: the main e2e server's upstream is not slowed down.

const PORT = APP_PORT + 50;

test.describe('SIGTERM', () => {
  let upstream: SimulatorHandle;
  let app: ExtraApp | null = null;

  test.beforeAll(async () => {
    upstream = await startSimulator({ token: E2E_TOKEN, live: false, timezone: 'Europe/Moscow' });
  });
  test.afterAll(async () => {
    await app?.kill();
    await upstream.close();
  });

  test('finishes the request in flight, then stops within 10 s', async () => {
    app = await startExtraApp(PORT, { WAMM_TOKEN: E2E_TOKEN, WAMM_API_URL: upstream.url, WAMM_TIMEOUT_MS: '8000', AUTH_DISABLED: '1' });
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    // A move reads fresh data first: with wamm.chat answering in 3 s, the request takes that long.
    upstream.control.setFault({ kind: 'slow', delayMs: 3000 });
    const startedAt = performance.now();
    const slow = fetch(`${app.url}/api/rebalance/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moves: [{ chatId: '1', toUserId: '2' }] }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopped = app.stop();
    const signalledAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThan(2500);
    await stopped;
    const drainMs = performance.now() - signalledAt;
    console.log(`SIGTERM to exit: ${Math.round(drainMs)} ms, with a request of ${Math.round(performance.now() - startedAt)} ms in flight`);
    expect(drainMs).toBeLessThan(10_000);
    expect(app.log()).toMatch(/SIGTERM: not taking new connections; finishing 1 request\(s\) in flight/);
    expect(app.log()).toMatch(/stopped in \d+ ms/);
    upstream.control.clearFault();
  });
});
