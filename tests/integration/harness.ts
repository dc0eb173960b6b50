import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type AppConfig } from '@/lib/config';
import { createRuntime, replaceRuntime } from '@/lib/runtime';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '@/lib/simulator';
import { GET as getLoad } from '@/app/api/load/route';
import { GET as getChats } from '@/app/api/chats/route';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getWaiting } from '@/app/api/waiting/route';
import { GET as getVersion } from '@/app/api/version/route';
import { GET as getExport } from '@/app/api/export/route';
import { GET as getHistory } from '@/app/api/history/route';
import { GET as listSnapshots, POST as saveSnapshot } from '@/app/api/snapshots/route';
import { DELETE as deleteSnapshot, GET as getSnapshot } from '@/app/api/snapshots/[id]/route';
import { GET as getSnapshotChats } from '@/app/api/snapshots/[id]/chats/route';
import { GET as getSnapshotExport } from '@/app/api/snapshots/[id]/export/route';
import { DELETE as signOut, GET as getSession, POST as signIn } from '@/app/api/session/route';
import { GET as pairDisplay } from '@/app/api/display-session/route';
import { GET as listKeys, POST as createKey } from '@/app/api/display-keys/route';
import { DELETE as revokeKey } from '@/app/api/display-keys/[id]/route';
import { GET as getAudit } from '@/app/api/audit/route';
import { GET as listSessions } from '@/app/api/sessions/route';
import { GET as getSettings, PUT as putSettings } from '@/app/api/settings/route';
import { GET as getTeamAnalytics } from '@/app/api/teams/analytics/route';
import { POST as planRebalance } from '@/app/api/rebalance/plan/route';
import { POST as applyRebalance } from '@/app/api/rebalance/apply/route';
import { GET as listMoves } from '@/app/api/rebalance/moves/route';
import { POST as undoMove } from '@/app/api/rebalance/moves/[id]/undo/route';
import { GET as rebalanceStatus } from '@/app/api/rebalance/status/route';
import { POST as stopRebalance } from '@/app/api/rebalance/stop/route';
import { POST as assignChat } from '@/app/api/chats/[chatId]/assign/route';
import { DELETE as endSession } from '@/app/api/sessions/[id]/route';
import { GET as getAlerts } from '@/app/api/alerts/route';
import { GET as getAlertHistory } from '@/app/api/alerts/history/route';
import { GET as getAlertChannels } from '@/app/api/alerts/channels/route';
import { POST as testAlert } from '@/app/api/alerts/test/route';
import type { Runtime, RuntimeOverrides } from '@/lib/runtime';
import { registerFront } from '@/lib/http/front.mjs';

// Integration harness: the real route handlers, the real store and client, and the simulator as a
// real HTTP upstream on loopback. Only the HTTP front of Next is skipped (the e2e suite has it).

export const TOKEN = 'it+Secret=Tok/42';

export interface AppResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  body: unknown;
  text: string;
  bytes: Buffer;
}

export interface App {
  sim: SimulatorHandle;
  config: AppConfig;
  runtime: Runtime;
  dataDir: string;
  /** Every response body this app has given, for the token check. */
  bodies: string[];
  get(path: string): Promise<AppResponse>;
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<AppResponse>;
  close(): Promise<void>;
}

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const routes: Array<{ pattern: RegExp; methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>> }> = [
  { pattern: /^\/api\/load$/, methods: { GET: (request) => getLoad(request) } },
  { pattern: /^\/api\/chats$/, methods: { GET: (request) => getChats(request) } },
  { pattern: /^\/api\/health$/, methods: { GET: (request) => getHealth(request) } },
  { pattern: /^\/api\/waiting$/, methods: { GET: (request) => getWaiting(request) } },
  { pattern: /^\/api\/version$/, methods: { GET: (request) => getVersion(request) } },
  { pattern: /^\/api\/export$/, methods: { GET: (request) => getExport(request) } },
  { pattern: /^\/api\/history$/, methods: { GET: (request) => getHistory(request) } },
  { pattern: /^\/api\/snapshots$/, methods: { GET: (request) => listSnapshots(request), POST: (request) => saveSnapshot(request) } },
  { pattern: /^\/api\/snapshots\/(?<id>[^/]+)$/, methods: { GET: getSnapshot, DELETE: deleteSnapshot } },
  { pattern: /^\/api\/snapshots\/(?<id>[^/]+)\/chats$/, methods: { GET: getSnapshotChats } },
  { pattern: /^\/api\/snapshots\/(?<id>[^/]+)\/export$/, methods: { GET: getSnapshotExport } },
  { pattern: /^\/api\/session$/, methods: { GET: (request) => getSession(request), POST: (request) => signIn(request), DELETE: (request) => signOut(request) } },
  { pattern: /^\/api\/display-session$/, methods: { GET: (request) => pairDisplay(request) } },
  { pattern: /^\/api\/display-keys$/, methods: { GET: (request) => listKeys(request), POST: (request) => createKey(request) } },
  { pattern: /^\/api\/display-keys\/(?<id>[^/]+)$/, methods: { DELETE: revokeKey } },
  { pattern: /^\/api\/audit$/, methods: { GET: (request) => getAudit(request) } },
  { pattern: /^\/api\/sessions$/, methods: { GET: (request) => listSessions(request) } },
  { pattern: /^\/api\/rebalance\/plan$/, methods: { POST: (request) => planRebalance(request) } },
  { pattern: /^\/api\/rebalance\/apply$/, methods: { POST: (request) => applyRebalance(request) } },
  { pattern: /^\/api\/rebalance\/moves$/, methods: { GET: (request) => listMoves(request) } },
  { pattern: /^\/api\/rebalance\/moves\/(?<id>[^/]+)\/undo$/, methods: { POST: undoMove } },
  { pattern: /^\/api\/rebalance\/status$/, methods: { GET: (request) => rebalanceStatus(request) } },
  { pattern: /^\/api\/rebalance\/stop$/, methods: { POST: (request) => stopRebalance(request) } },
  { pattern: /^\/api\/chats\/(?<chatId>[^/]+)\/assign$/, methods: { POST: (request, context) => assignChat(request, { params: context.params.then(({ id }) => ({ chatId: id })) }) } },
  { pattern: /^\/api\/teams\/analytics$/, methods: { GET: (request) => getTeamAnalytics(request) } },
  { pattern: /^\/api\/settings$/, methods: { GET: (request) => getSettings(request), PUT: (request) => putSettings(request) } },
  { pattern: /^\/api\/sessions\/(?<id>[^/]+)$/, methods: { DELETE: endSession } },
  { pattern: /^\/api\/alerts$/, methods: { GET: (request) => getAlerts(request) } },
  { pattern: /^\/api\/alerts\/history$/, methods: { GET: (request) => getAlertHistory(request) } },
  { pattern: /^\/api\/alerts\/channels$/, methods: { GET: (request) => getAlertChannels(request) } },
  { pattern: /^\/api\/alerts\/test$/, methods: { POST: (request) => testAlert(request) } },
];

/** Every API route and method, for the access table and the property tests. */
export const API_ROUTES = routes;

export async function startApp(
  options: {
    sim?: Partial<SimulatorOptions>;
    env?: Record<string, string>;
    refreshMs?: number;
    /** A data directory to reuse (a restart); it is then left in place on close. */
    dataDir?: string;
    /** An upstream to reuse instead of a new simulator (a restart); it is then left running on close. */
    reuseSim?: SimulatorHandle;
    /** The alerts' clock and channel timeout. */
    overrides?: RuntimeOverrides;
  } = {},
): Promise<App> {
  const sim = options.reuseSim ?? (await startSimulator({ token: TOKEN, live: false, timezone: 'Europe/Moscow', ...options.sim }));
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'chatload-it-'));
  // Sign-in is off unless a test configures accounts (tests/integration/access.test.ts does).
  const config = parseConfig({ WAMM_TOKEN: TOKEN, WAMM_API_URL: sim.url, WAMM_TIMEOUT_MS: '1000', DATA_DIR: dataDir, AUTH_DISABLED: '1', ...options.env });
  // The configured minimum is 5 s; tests wait on refreshes, so they run the store faster.
  const runtime = await createRuntime({ ...config, refreshSeconds: 1 }, options.overrides);
  const bodies: string[] = [];
  await replaceRuntime(runtime);
  // The routes run without the HTTP front; a test that names a client's address speaks for it.
  const frontProof = registerFront();
  const request: App['request'] = async (method, target, body, headers = {}) => {
    const url = new URL(target, 'http://chatload.test');
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    const handler = route?.methods[method];
    if (!route || !handler) throw new Error(`no route ${method} ${url.pathname}`);
    const groups = route.pattern.exec(url.pathname)?.groups;
    const id = decodeURIComponent(groups?.id ?? groups?.chatId ?? '');
    const init: RequestInit = { method, headers: { ...headers, ...('x-chatload-client-address' in headers ? { 'x-chatload-front-proof': frontProof } : {}) } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await handler(new Request(url, init), { params: Promise.resolve({ id }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    bodies.push(text);
    let parsed: unknown = null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed, text, bytes };
  };
  return {
    sim,
    config,
    runtime,
    dataDir,
    bodies,
    get: (target) => request('GET', target),
    request,
    async close() {
      await replaceRuntime(null);
      if (!options.reuseSim) await sim.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
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
