import { parseConfig, type AppConfig } from '@/lib/config';
import { createRuntime, replaceRuntime } from '@/lib/runtime';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '@/lib/simulator';
import { GET as getLoad } from '@/app/api/load/route';
import { GET as getChats } from '@/app/api/chats/route';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getWaiting } from '@/app/api/waiting/route';
import { GET as getVersion } from '@/app/api/version/route';

// Integration harness: the real route handlers, the real store and client, and the simulator as a
// real HTTP upstream on loopback. Only the HTTP front of Next is skipped (the e2e suite has it).

export const TOKEN = 'it+Secret=Tok/42';

export interface App {
  sim: SimulatorHandle;
  config: AppConfig;
  /** Every response body this app has given, for the token check. */
  bodies: string[];
  get(path: string): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  close(): Promise<void>;
}

const routes: Record<string, (request: Request) => Promise<Response>> = {
  '/api/load': getLoad,
  '/api/chats': getChats,
  '/api/health': () => getHealth(),
  '/api/waiting': getWaiting,
  '/api/version': () => getVersion(),
};

export async function startApp(
  options: { sim?: Partial<SimulatorOptions>; env?: Record<string, string>; refreshMs?: number } = {},
): Promise<App> {
  const sim = await startSimulator({ token: TOKEN, live: false, timezone: 'Europe/Moscow', ...options.sim });
  const config = parseConfig({ WAMM_TOKEN: TOKEN, WAMM_API_URL: sim.url, WAMM_TIMEOUT_MS: '1000', ...options.env });
  // The configured minimum is 5 s; tests wait on refreshes, so they run the store faster.
  const runtime = await createRuntime({ ...config, refreshSeconds: 1 });
  const bodies: string[] = [];
  await replaceRuntime(runtime);
  return {
    sim,
    config,
    bodies,
    async get(path) {
      const url = new URL(path, 'http://chatload.test');
      const handler = routes[url.pathname];
      if (!handler) throw new Error(`no route ${url.pathname}`);
      const response = await handler(new Request(url));
      const text = await response.text();
      bodies.push(text);
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text };
    },
    async close() {
      await replaceRuntime(null);
      await sim.close();
    },
  };
}

/** Polls until `check` passes or the time is up; returns the last value. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
