import { afterEach } from 'vitest';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from './server';

// For the simulator's own tests: one simulator per test, closed after it, called over real HTTP.

/** Needs encoding in a path (`+`, `=`, `/`), as a real token may. */
export const TEST_TOKEN = 'e2e+secret=Token/9';
export const ENCODED_TOKEN = encodeURIComponent(TEST_TOKEN);
/** A fixed "now": 2026-11-28 12:00:00 UTC, 15:00 in Moscow. */
export const NOW = Date.UTC(2026, 10, 28, 12);

export interface Reply {
  status: number;
  contentType: string | null;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
}

export interface WammRows {
  err: number | string;
  data?: Array<Record<string, unknown>>;
}

/** Registers the after-each close; `start` gives a frozen simulator at NOW unless told otherwise. */
export function useSimulator(): { start(options?: Partial<SimulatorOptions>): Promise<SimulatorHandle> } {
  const open: SimulatorHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sim) => sim.close()));
  });
  return {
    async start(options = {}) {
      const sim = await startSimulator({ token: TEST_TOKEN, live: false, now: () => NOW, ...options });
      open.push(sim);
      return sim;
    },
  };
}

export async function get(url: string, init?: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML pages and broken JSON stay text.
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

/** An api2 call with the right token: `api(sim, 'user_chats/0/0')`. */
export function api(sim: SimulatorHandle, pathAfterToken: string): Promise<Reply> {
  const [method, ...rest] = pathAfterToken.split('/');
  return get([sim.url, method, ENCODED_TOKEN, ...rest].join('/'));
}

export async function rows(sim: SimulatorHandle, pathAfterToken: string): Promise<WammRows> {
  return (await api(sim, pathAfterToken)).body as WammRows;
}
