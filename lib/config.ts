import 'server-only';
import { z } from 'zod';
import packageJson from '@/package.json';

// The only reader of process.env. Parsed once; a wrong value stops the server with a message that
// names the variable, rather than surfacing later as a confusing upstream error.

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
  };
}

