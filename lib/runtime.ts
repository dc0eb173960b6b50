import 'server-only';
import { parseConfig, type AppConfig } from '@/lib/config';
import { AlertsService } from '@/lib/alerts/service';
import { registerChannelSecrets } from '@/lib/alerts/channels';
import { ShiftReports } from '@/lib/alerts/reports';
import { AuditService } from '@/lib/audit/service';
import { AccessControl } from '@/lib/auth/access';
import { Accounts } from '@/lib/auth/accounts';
import { DisplayKeyService } from '@/lib/auth/display-keys';
import { DisplayPairingService } from '@/lib/auth/display-pairing';
import { AttemptLimiter, SharedAttemptLimiter, type AttemptGate } from '@/lib/auth/rate-limit';
import { LocalCoordinator } from '@/lib/cluster/local';
import { RedisCoordinator } from '@/lib/cluster/redis';
import type { ClusterHealth, Coordinator } from '@/lib/cluster/types';
import { sessionSecret } from '@/lib/auth/secret';
import { SessionService } from '@/lib/auth/sessions';
import { SignInService } from '@/lib/auth/sign-in';
import { HistoryService } from '@/lib/history/service';
import { BackgroundJobs } from '@/lib/jobs/background';
import { LoadStore } from '@/lib/load/store';
import { ResponseCache, type ResponseContext } from '@/lib/load/responses';
import { log, registerSecret } from '@/lib/log';
import { Metrics } from '@/lib/metrics/metrics';
import { BUILD_ID } from '@/lib/build-id';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { SettingsService } from '@/lib/settings/service';
import { RebalanceService } from '@/lib/rebalance/service';
import { SnapshotService } from '@/lib/snapshots/service';
import { openStorage } from '@/lib/storage/open';
import type { StorageHealth } from '@/lib/storage/types';
import { createWammClient } from '@/lib/wamm/client';

// The composition root: the server's long-lived parts, made once per process and wired here, and
// nowhere else. Routes receive the services they call (lib/api/guard.ts hands them over); none of
// them sees storage. Next bundles every route separately, so the single instance lives on
// globalThis: one store, one upstream refresh, for all routes.

const SIGN_IN_WINDOW_MS = 15 * 60_000;

export interface Runtime {
  config: AppConfig;
  /** The live data set shared by every viewer. */
  store: LoadStore;
  responses: ResponseCache;
  context: ResponseContext;
  access: AccessControl;
  signIn: SignInService;
  sessions: SessionService;
  displayKeys: DisplayKeyService;
  displayPairing: DisplayPairingService;
  snapshots: SnapshotService;
  history: HistoryService;
  audit: AuditService;
  /** Teams, capacity, thresholds: the manager's settings document. */
  settings: SettingsService;
  /** Reassigning chats through wamm.chat, by hand and automatically. */
  rebalance: RebalanceService;
  jobs: BackgroundJobs;
  /** Alert rules, their state and deliveries; shift reports. */
  alerts: AlertsService;
  /** Prometheus metrics of this instance, for GET /metrics; alert delivery reports here too. */
  metrics: Metrics;
  /** Whether the database answers, for /api/health. */
  storageHealth(): StorageHealth;
  /** Whether the instances can coordinate (Redis), and this one's part in the refresh, for /api/health. */
  clusterHealth(): ClusterHealth & { role: LoadStore['role'] };
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

/** What tests change in a runtime: the alerts' clock and channel timeout, and a delivery counter (metrics). */
export interface RuntimeOverrides {
  alertsNow?: () => number;
  alertChannelTimeoutMs?: number;
  onAlertDelivery?: ConstructorParameters<typeof AlertsService>[0]['onDelivery'];
  /** false: no alert timers; the test evaluates and delivers by hand. */
  alertTimers?: boolean;
}

/** Builds every part; a part that fails to start closes the ones made before it. */
export async function createRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  registerSecret(config.wammToken);
  registerChannelSecrets(config.alerts);
  if (config.metricsToken) registerSecret(config.metricsToken);
  for (const url of [config.databaseUrl, config.redisUrl]) {
    if (!url) continue;
    registerSecret(url);
    const password = passwordIn(url);
    if (password) registerSecret(password);
  }
  const closers: Array<() => unknown> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        log.warn(`while stopping: ${error instanceof Error ? error.message : 'unknown error'}`);
      }
    }
  };
  try {
    let baseUrl = config.wammApiUrl;
    if (baseUrl === null) {
      // Demo mode: the same client talks HTTP to a simulated wamm.chat on loopback.
      const { startSimulator } = await import('@/lib/simulator');
      const simulator = await startSimulator({ token: config.wammToken, timezone: config.wammTimezone });
      closers.push(() => simulator.close());
      baseUrl = simulator.url;
      log.info('demo mode: no WAMM_TOKEN set, showing a simulated team');
    } else {
      log.info(`upstream: wamm.chat API (time zone ${config.wammTimezone}, refresh every ${config.refreshSeconds} s)`);
    }
    // Several instances act as one through Redis; without it, this process is the only one.
    const coordinator: Coordinator = config.redisUrl ? new RedisCoordinator({ url: config.redisUrl, prefix: config.redisPrefix, log }) : new LocalCoordinator();
    closers.push(() => coordinator.close());
    if (coordinator instanceof RedisCoordinator && !(await coordinator.ready())) {
      log.warn(`cluster: ${coordinator.health().problem ?? 'Redis is not reachable'}`);
    }
    const metrics = new Metrics({ version: config.version, buildId: config.buildIdOverride ?? BUILD_ID });
    const client = createWammClient({
      baseUrl,
      token: config.wammToken,
      timeoutMs: config.upstreamTimeoutMs,
      timezone: config.wammTimezone,
      onCall: (call) => metrics.upstreamCall(call),
    });
    // The store counts under the settings in force; they are read once storage is open, below.
    let settingsInForce: SettingsService | null = null;
    const store = new LoadStore({
      client,
      rules: () => {
        const state = settingsInForce?.current();
        return state ? { revision: state.revision, rules: state.settings } : { revision: 0, rules: DEFAULT_SETTINGS };
      },
      refreshMs: config.refreshSeconds * 1000,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      coordinator,
      log,
      onRefresh: ({ durationMs, ok }) => metrics.refreshed(durationMs, ok),
    });
    closers.push(() => store.close());
    metrics.observe(store);

    const storage = await openStorage({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile, log });
    closers.push(() => storage.close());

    const secret = sessionSecret(config.auth.sessionSecret, config.dataDir);
    const accounts = new Accounts(config.auth, { secret, log });
    const audit = new AuditService({ repository: storage.audit, retentionDays: config.auditRetentionDays, log });
    const displayKeys = new DisplayKeyService({ repository: storage.displayKeys, log });
    const sessions = new SessionService({
      repository: storage.sessions,
      accounts,
      displayKeys,
      secret,
      idleMs: config.auth.sessionIdleMs,
      maxMs: config.auth.sessionMaxMs,
      coordinator,
      log,
    });
    const limitRules = { perAddress: 5, overall: 50, windowMs: SIGN_IN_WINDOW_MS };
    // Counted across instances when there are several, so spreading guesses over them gains nothing.
    const limits = (scope: string): AttemptGate => {
      const local = new AttemptLimiter(limitRules);
      const shared = coordinator.attempts(scope);
      return shared ? new SharedAttemptLimiter(shared, local, limitRules) : local;
    };
    const snapshots = new SnapshotService({
      repository: storage.snapshots,
      demo: config.demo,
      timezone: config.wammTimezone,
      retentionDays: config.snapshotRetentionDays,
    });
    const settings = new SettingsService({ repository: storage.documents, log });
    // Best effort: without the database the defaults stand until it answers.
    await settings.read().catch(() => null);
    settingsInForce = settings;
    const rebalance = new RebalanceService({
      store,
      client,
      settings,
      moves: storage.moves,
      audit,
      timezone: config.wammTimezone,
      log,
      onMove: (trigger, status) => metrics.moveRecorded(trigger, status),
    });
    const history = new HistoryService({ repository: storage.history, retentionDays: config.historyRetentionDays, log });
    if (config.auth.disabledWarning) log.warn('AUTH_DISABLED=1: nobody has to sign in; anyone who reaches this port sees customers\' names and phone numbers');
    const alertsPrune = { prune: (): Promise<number> => alerts?.prune() ?? Promise.resolve(0) };
    // Made below, once the rest is up; the hourly maintenance prunes its history too.
    let alerts: AlertsService | null = null;
    const jobs = new BackgroundJobs({
      alerts: alertsPrune,
      store,
      history,
      snapshots,
      audit,
      sessions,
      rebalance,
      balancing: () => settings.current().settings.balancing,
      coordinator,
      schedule: { atMinutes: config.snapshotAtMinutes, everyMs: config.snapshotEveryMs, timezone: config.wammTimezone },
      sampleMs: config.historySampleMs,
      historyRetentionDays: config.historyRetentionDays,
      log,
    });
    jobs.start();
    closers.push(() => jobs.close());

    const reports = new ShiftReports({
      history: storage.history,
      moves: storage.moves,
      store,
      settings,
      snapshotAtMinutes: config.snapshotAtMinutes,
      timezone: config.wammTimezone,
      coordinator,
      lang: () => alerts?.lang() ?? config.alerts.lang,
      enqueue: (eventId, messageId, payloads) => alerts?.enqueue(eventId, messageId, payloads) ?? Promise.resolve(0),
      now: overrides.alertsNow,
      log,
    });
    alerts = new AlertsService({
      states: storage.alertStates,
      events: storage.alertEvents,
      deliveries: storage.deliveries,
      store,
      settings,
      audit,
      rebalancing: () => {
        const run = rebalance.lastAutomaticRun();
        if (!run) return null;
        const count = (status: string) => run.results.filter((result) => result.status === status).length;
        return { atMs: run.atMs, suggested: run.mode === 'suggest' ? (run.plan?.moves.length ?? 0) : 0, moved: count('moved'), failed: count('failed') };
      },
      reports,
      config: config.alerts,
      timezone: config.wammTimezone,
      coordinator,
      channelTimeoutMs: overrides.alertChannelTimeoutMs,
      onDelivery: overrides.onAlertDelivery,
      now: overrides.alertsNow,
      log,
    });
    if (overrides.alertTimers !== false) alerts.start();
    const started = alerts;
    closers.push(() => started.close());

    return {
      config,
      store,
      responses: new ResponseCache(),
      context: {
        demo: config.demo,
        refreshSeconds: config.refreshSeconds,
        timezone: config.wammTimezone,
        version: config.version,
      },
      access: new AccessControl(config.auth, sessions),
      signIn: new SignInService({ accounts, sessions, audit, limiter: limits('sign-in') }),
      sessions,
      displayKeys,
      displayPairing: new DisplayPairingService({ displayKeys, sessions, audit, limiter: limits('pairing') }),
      snapshots,
      history,
      audit,
      settings,
      rebalance,
      jobs,
      alerts,
      metrics,
      storageHealth: () => storage.health(),
      clusterHealth: () => ({ ...coordinator.health(), role: store.role }),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function passwordIn(url: string): string | null {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}
