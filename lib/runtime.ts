import 'server-only';
import path from 'node:path';
import { parseConfig, type AppConfig } from '@/lib/config';
import { ApiError } from '@/lib/api/errors';
import { Auth } from '@/lib/auth/access';
import { BackgroundJobs } from '@/lib/jobs/background';
import { LoadStore, type StoreView } from '@/lib/load/store';
import { ResponseCache, type ResponseContext } from '@/lib/load/responses';
import { log, registerSecret } from '@/lib/log';
import { SnapshotService } from '@/lib/snapshots/service';
import { openSqliteStorage } from '@/lib/storage/sqlite';
import type { Storage } from '@/lib/storage/types';
import { createWammClient } from '@/lib/wamm/client';
import { httpStatusFor } from '@/lib/wamm/errors';

// The server's long-lived parts, made once per process. Next bundles every route separately, so
// the single instance lives on globalThis: one store, one upstream refresh, for all routes.

export interface Runtime {
  config: AppConfig;
  store: LoadStore;
  responses: ResponseCache;
  context: ResponseContext;
  storage: Storage;
  snapshots: SnapshotService;
  jobs: BackgroundJobs;
  auth: Auth;
  /** Stops the background jobs and the store, closes the database and, in demo mode, the simulator. */
  close(): Promise<void>;
}

const KEY = Symbol.for('chatload.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRuntime(parseConfig(process.env)).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

/** Replaces the process's runtime (tests build one from their own configuration); closes the old one. */
export async function replaceRuntime(next: Runtime | null): Promise<void> {
  const holder = globalThis as Holder;
  const previous = holder[KEY];
  if (next) holder[KEY] = Promise.resolve(next);
  else delete holder[KEY];
  if (previous) await (await previous.catch(() => null))?.close();
}

export async function createRuntime(config: AppConfig): Promise<Runtime> {
  registerSecret(config.wammToken);
  let baseUrl = config.wammApiUrl;
  let closeSimulator: (() => Promise<void>) | null = null;
  if (baseUrl === null) {
    // Demo mode: the same client talks HTTP to a simulated wamm.chat on loopback.
    const { startSimulator } = await import('@/lib/simulator');
    const simulator = await startSimulator({ token: config.wammToken, timezone: config.wammTimezone });
    baseUrl = simulator.url;
    closeSimulator = () => simulator.close();
    log.info('demo mode: no WAMM_TOKEN set, showing a simulated team');
  } else {
    log.info(`upstream: wamm.chat API (time zone ${config.wammTimezone}, refresh every ${config.refreshSeconds} s)`);
  }
  const client = createWammClient({ baseUrl, token: config.wammToken, timeoutMs: config.upstreamTimeoutMs });
  const store = new LoadStore({
    client,
    refreshMs: config.refreshSeconds * 1000,
    timezone: config.wammTimezone,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    log,
  });
  // The demo team's snapshots and history go to a file of their own, never mixed with a real team's.
  const databaseFile = path.resolve(config.dataDir, config.demo ? 'chatload-demo.db' : 'chatload.db');
  const storage = openSqliteStorage(databaseFile);
  log.info(`storage: ${path.relative(process.cwd(), databaseFile) || databaseFile}`);
  const snapshots = new SnapshotService({ storage, demo: config.demo, timezone: config.wammTimezone });
  const auth = new Auth(config.auth, Auth.secretFor(config.auth, path.dirname(databaseFile)), storage);
  if (config.auth.disabledWarning) log.warn('AUTH_DISABLED=1: nobody has to sign in; anyone who reaches this port sees customers\' names and phone numbers');
  const jobs = new BackgroundJobs({
    store,
    storage,
    snapshots,
    schedule: { atMinutes: config.snapshotAtMinutes, everyMs: config.snapshotEveryMs, timezone: config.wammTimezone },
    sampleMs: config.historySampleMs,
    retentionDays: config.historyRetentionDays,
    log,
  });
  jobs.start();
  return {
    config,
    store,
    storage,
    snapshots,
    jobs,
    auth,
    responses: new ResponseCache(),
    context: {
      demo: config.demo,
      refreshSeconds: config.refreshSeconds,
      timezone: config.wammTimezone,
      version: config.version,
    },
    async close() {
      jobs.close();
      store.close();
      storage.close();
      await closeSimulator?.();
    },
  };
}

/** The store's view for a data endpoint; with no data at all, the upstream's failure as a 502/504. */
/** A view of the store that has data to answer with. */
export type DataView = StoreView & { snapshot: NonNullable<StoreView['snapshot']> };

export async function readDataOrThrow(runtime: Runtime): Promise<DataView> {
  const view = await runtime.store.read();
  if (view.snapshot) return view as DataView;
  const error = view.upstreamError ?? { code: 'upstream_timeout' as const, message: 'wamm.chat has not answered yet' };
  throw ApiError.upstream(httpStatusFor(error.code), error.code, error.message, error.detail);
}
