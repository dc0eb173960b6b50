import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import packageJson from '@/package.json';

// The server's configuration, parsed once from the environment (lib/runtime.ts passes process.env;
// the front scripts and the build read their own few variables). A wrong value stops the server with
// a message that names the variable, rather than surfacing later as a confusing upstream error.

export const DEFAULT_WAMM_API_URL = 'https://wamm.chat/api2';
export const DEMO_TOKEN = 'demo-token';

const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const CLOCK_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "08:00,16:00,00:00" → minutes after midnight, sorted, without repeats. */
const clockTimes = z
  .string()
  .transform((text, context) => {
    const minutes = new Set<number>();
    for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
      const match = CLOCK_TIME.exec(part);
      if (!match) {
        context.addIssue({ code: 'custom', message: `"${part}" is not a time: use HH:MM, comma-separated, e.g. 08:00,16:00,00:00` });
        return z.NEVER;
      }
      minutes.add(Number(match[1]) * 60 + Number(match[2]));
    }
    return [...minutes].sort((a, b) => a - b);
  });

const DURATION = /^(\d+)\s*(s|m|h)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "90s", "15m", "2h" → ms. */
const duration = z.string().transform((text, context) => {
  const match = DURATION.exec(text.trim().toLowerCase());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms >= 10_000 && ms <= 7 * 24 * 3_600_000)) {
    context.addIssue({ code: 'custom', message: 'must be a duration from 10s to 168h, such as 30m, 2h or 90s' });
    return z.NEVER;
  }
  return ms;
});

const envSchema = z.object({
  WAMM_TOKEN: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  WAMM_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://wamm.chat/api2' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  WAMM_TIMEZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(isTimeZone, { message: 'must be an IANA time zone name such as Europe/Moscow' })
      .default('Europe/Moscow'),
  ),
  REFRESH_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number of seconds' })
      .int({ message: 'must be a whole number of seconds' })
      .min(5, { message: 'must be at least 5 (seconds)' })
      .max(3600, { message: 'must be at most 3600 (seconds)' })
      .default(15),
  ),
  CHATLOAD_REPORTED_BUILD_ID: z.preprocess(emptyAsUndefined, z.string().max(100).optional()),
  WAMM_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1000).max(120_000).default(10_000),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  SNAPSHOT_AT: z.preprocess(emptyAsUndefined, clockTimes.optional()),
  SNAPSHOT_EVERY: z.preprocess(emptyAsUndefined, duration.optional()),
  HISTORY_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a number of days' }).int({ message: 'must be a whole number of days' }).min(1).max(3650).default(30),
  ),
  HISTORY_SAMPLE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, { message: 'must be a PostgreSQL URL such as postgres://chatload:password@db.example.com:5432/chatload' })
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, { message: 'must be a Redis URL such as redis://redis.example.com:6379' })
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[\w:.-]{1,60}$/, { message: 'must be letters, digits and : . _ - (up to 60)' }).default('chatload'),
  ),
  AUDIT_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a number of days' }).int({ message: 'must be a whole number of days' }).min(1).max(3650).default(180),
  ),
  SNAPSHOT_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a number of days' }).int({ message: 'must be a whole number of days' }).min(1).max(3650).optional(),
  ),
  MANAGER_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8, { message: 'must be at least 8 characters' }).optional()),
  VIEWER_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8, { message: 'must be at least 8 characters' }).optional()),
  USERS_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_DISABLED: z.preprocess(
    emptyAsUndefined,
    z.enum(['0', '1'], { message: 'must be 1 (no sign-in at all) or 0' }).optional().transform((value) => value === '1'),
  ),
  SESSION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, { message: 'must be at least 32 characters' }).optional()),
  SESSION_IDLE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(60 * 24 * 90).default(12 * 60)),
  SESSION_MAX_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: 'must be a number of days' }).int({ message: 'must be a whole number of days' }).min(1).max(365).default(30),
  ),
  FRAME_ANCESTORS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\w\s:/.*'-]+$/, { message: "must be CSP sources such as 'self' https://intranet.example.com" })
      .default("'none'"),
  ),
  ALERT_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
  TELEGRAM_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().trim().regex(/^\d+:[\w-]{20,}$/, { message: 'must be a bot token from @BotFather (digits, a colon, then letters)' }).optional()),
  TELEGRAM_CHAT_ID: z.preprocess(emptyAsUndefined, z.string().trim().regex(/^(-?\d{1,20}|@\w{4,64})$/, { message: 'must be a chat id such as -1001234567890 or @channel' }).optional()),
  TELEGRAM_API_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, '')).default('https://api.telegram.org'),
  ),
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\/\S+$/, { message: 'must be an SMTP URL such as smtps://user:password@smtp.example.com:465' }).optional()),
  ALERT_EMAIL_FROM: z.preprocess(emptyAsUndefined, z.string().trim().min(3).optional()),
  ALERT_EMAIL_TO: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
      .pipe(z.array(z.email({ message: 'must be e-mail addresses, comma-separated' })))
      .optional(),
  ),
  ALERT_LANG: z.preprocess(emptyAsUndefined, z.enum(['ru', 'en'], { message: 'must be ru or en' }).default('ru')),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, message: 'must be the dashboard\'s http(s) address' }).transform((url) => url.replace(/\/+$/, '')).optional()),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(16, { message: 'must be at least 16 characters (e.g. openssl rand -hex 24)' })
      .regex(/^[\x21-\x7e]+$/, { message: 'must be printable characters without spaces (it is sent in an Authorization header)' })
      .optional(),
  ),
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z.enum(['0', '1'], { message: 'must be 1 (behind a reverse proxy that sets X-Forwarded-For) or 0' }).optional().transform((value) => value === '1'),
  ),
});

export interface AppConfig {
  /** True when no WAMM_TOKEN is set: the built-in simulator is the upstream. */
  demo: boolean;
  /** Secret. Never log it, never put it in a response or an error. */
  wammToken: string;
  /** Base URL of wamm.chat's api2, without the token; in demo mode filled in once the simulator listens. */
  wammApiUrl: string | null;
  wammTimezone: string;
  refreshSeconds: number;
  upstreamTimeoutMs: number;
  version: string;
  /** Makes /api/version report another build, to test how displays react to a deploy. */
  buildIdOverride: string | null;
  /** Where the SQLite file lives (snapshots and history), and the session secret when none is given. */
  dataDir: string;
  /** PostgreSQL instead of the SQLite file; secret (it may hold a password). */
  databaseUrl: string | null;
  /** The SQLite file used when databaseUrl is null: the demo team's never mixes with a real team's. */
  sqliteFile: string;
  /** Several instances acting as one through this Redis; null for one instance alone. Secret (may hold a password). */
  redisUrl: string | null;
  /** Prefix of chatload's Redis keys: several teams (or tests) can share one Redis. */
  redisPrefix: string;
  auditRetentionDays: number;
  /** Saved snapshots older than this are deleted; null keeps them for ever. */
  snapshotRetentionDays: number | null;
  /** Scheduled snapshots at these times of the team's day (WAMM_TIMEZONE), minutes after midnight. */
  snapshotAtMinutes: number[];
  /** Scheduled snapshots every this many ms, or null. */
  snapshotEveryMs: number | null;
  historyRetentionDays: number;
  /** How often the load is written to the history: every minute unless a test says otherwise. */
  historySampleMs: number;
  /** GET /metrics answers only with this bearer token; null: /metrics is off (404). Secret. */
  metricsToken: string | null;
  auth: AuthConfig;
  alerts: AlertsConfig;
}

/** Alert channels from the environment (a quick start; the settings' targets override them). */
export interface AlertsConfig {
  webhookUrl: string | null;
  /** Secret. */
  telegramBotToken: string | null;
  telegramChatId: string | null;
  telegramApiUrl: string;
  /** Secret (it may hold a password). */
  smtpUrl: string | null;
  emailFrom: string | null;
  emailTo: string[];
  lang: 'ru' | 'en';
  /** The dashboard's address for links in messages; null leaves links out. */
  publicUrl: string | null;
}

export interface AuthConfig {
  /** No sign-in at all: demo mode without passwords, or AUTH_DISABLED=1 given on purpose. */
  disabled: boolean;
  /** Disabled explicitly with a real token: every page says so. */
  disabledWarning: boolean;
  managerPassword: string | null;
  viewerPassword: string | null;
  usersFile: string | null;
  /** Signs session cookies; from SESSION_SECRET, else made once and kept in DATA_DIR. */
  sessionSecret: string | null;
  sessionIdleMs: number;
  /** A person's session ends this long after sign-in, however busy. */
  sessionMaxMs: number;
  frameAncestors: string;
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`chatload cannot start: invalid configuration\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const demo = values.WAMM_TOKEN === undefined;
  const hasAccounts = Boolean(values.MANAGER_PASSWORD || values.VIEWER_PASSWORD || values.USERS_FILE);
  if (!demo && !hasAccounts && !values.AUTH_DISABLED) {
    throw new ConfigError(
      'chatload cannot start: WAMM_TOKEN is set but nobody has to sign in, so anyone who reaches this port would see ' +
        "your customers' names and phone numbers.\n" +
        '  Set MANAGER_PASSWORD (and VIEWER_PASSWORD for supervisors), or USERS_FILE for named accounts;\n' +
        '  or set AUTH_DISABLED=1 if the dashboard is behind your own sign-in.',
    );
  }
  if (values.REDIS_URL && !values.DATABASE_URL) {
    throw new ConfigError(
      'chatload cannot start: REDIS_URL is set, so several instances are to act as one, but each would keep its own ' +
        'SQLite file (snapshots, sessions, settings) and they would disagree.\n' +
        '  Set DATABASE_URL to the PostgreSQL database they share (npm run db:copy moves an SQLite file into it), or unset REDIS_URL.',
    );
  }
  if (values.REDIS_URL && hasAccounts && !values.SESSION_SECRET) {
    throw new ConfigError(
      'chatload cannot start: REDIS_URL is set, so several instances are to act as one, but without SESSION_SECRET each ' +
        'would sign sessions with a secret of its own, and a sign-in made on one instance would be refused by the others.\n' +
        '  Set the same SESSION_SECRET (at least 32 characters, e.g. openssl rand -hex 32) on every instance.',
    );
  }
  return {
    demo,
    wammToken: values.WAMM_TOKEN ?? DEMO_TOKEN,
    // In demo mode an explicit WAMM_API_URL points at an external simulator (npm run simulator).
    wammApiUrl: values.WAMM_API_URL ?? (demo ? null : DEFAULT_WAMM_API_URL),
    wammTimezone: values.WAMM_TIMEZONE,
    refreshSeconds: values.REFRESH_SECONDS,
    upstreamTimeoutMs: values.WAMM_TIMEOUT_MS,
    version: packageJson.version,
    buildIdOverride: values.CHATLOAD_REPORTED_BUILD_ID ?? null,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL ?? null,
    redisUrl: values.REDIS_URL ?? null,
    redisPrefix: values.REDIS_PREFIX,
    sqliteFile: path.resolve(values.DATA_DIR, demo ? 'chatload-demo.db' : 'chatload.db'),
    auditRetentionDays: values.AUDIT_RETENTION_DAYS,
    snapshotRetentionDays: values.SNAPSHOT_RETENTION_DAYS ?? null,
    snapshotAtMinutes: values.SNAPSHOT_AT ?? [],
    snapshotEveryMs: values.SNAPSHOT_EVERY ?? null,
    historyRetentionDays: values.HISTORY_RETENTION_DAYS,
    historySampleMs: values.HISTORY_SAMPLE_SECONDS * 1000,
    metricsToken: values.METRICS_TOKEN ?? null,
    auth: {
      disabled: values.AUTH_DISABLED || !hasAccounts,
      disabledWarning: values.AUTH_DISABLED && !demo,
      managerPassword: values.MANAGER_PASSWORD ?? null,
      viewerPassword: values.VIEWER_PASSWORD ?? null,
      usersFile: values.USERS_FILE ?? null,
      sessionSecret: values.SESSION_SECRET ?? null,
      sessionIdleMs: values.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: values.SESSION_MAX_DAYS * 86_400_000,
      frameAncestors: values.FRAME_ANCESTORS,
      trustProxy: values.TRUST_PROXY,
    },
    alerts: {
      webhookUrl: values.ALERT_WEBHOOK_URL ?? null,
      telegramBotToken: values.TELEGRAM_BOT_TOKEN ?? null,
      telegramChatId: values.TELEGRAM_CHAT_ID ?? null,
      telegramApiUrl: values.TELEGRAM_API_URL,
      smtpUrl: values.SMTP_URL ?? null,
      emailFrom: values.ALERT_EMAIL_FROM ?? null,
      emailTo: values.ALERT_EMAIL_TO ?? [],
      lang: values.ALERT_LANG,
      publicUrl: values.PUBLIC_URL ?? null,
    },
  };
}

