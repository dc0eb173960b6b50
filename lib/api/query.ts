import { z } from 'zod';
import { redirectTarget } from '@/lib/http/redirect-target';
import { TEAM_ID } from '@/lib/settings/team-id';
import { ApiError } from './errors';

// Query parameters, declared once. Ids are wamm.chat's numeric ids, kept as strings.

const MAX_ID_LENGTH = 20;

/** An optional id filter: absent or empty means no filter. */
export const idFilter = (name: string, what: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()))
    .refine((value) => value === null || (value.length <= MAX_ID_LENGTH && /^\d+$/.test(value)), {
      message: `${name} must be ${what} (digits only), or empty for all`,
    });

/** A team filter: absent or empty means every team; whether the team exists is checked against the settings. */
export const teamFilter = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()))
  .refine((value) => value === null || TEAM_ID.test(value), {
    message: 'team must be a team id such as support (lower-case letters, digits and dashes), or empty for all',
  });

export const loadQuerySchema = z.object({
  channel: idFilter('channel', 'a channel id (api_id)'),
  user: idFilter('user', 'an operator id (user_id)'),
  team: teamFilter,
});

/** Parses the query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, url: string): z.output<T> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) throw ApiError.badRequest(`${key} is given ${values.length} times; give it once`);
    raw[key] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.') || 'query';
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw ApiError.badRequest(message);
  }
  return parsed.data;
}

const boundedInt = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : Number(value)))
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, {
      message: `${name} must be a whole number from ${min} to ${max}`,
    });

export const waitingQuerySchema = loadQuerySchema.extend({
  limit: boundedInt('limit', 1, 100, 10),
  /** Seconds; absent = the settings' critical threshold. */
  threshold: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : Number(value)))
    .refine((value) => value === null || (Number.isInteger(value) && value >= 0 && value <= 7 * 86_400), {
      message: `threshold must be a whole number of seconds from 0 to ${7 * 86_400}, or empty for the settings' critical threshold`,
    }),
  names: z
    .enum(['0', '1', ''], { message: 'names must be 1 (show customer names and phones) or 0' })
    .optional()
    .transform((value) => value === '1'),
});

// Snapshots, exports and history.

export const exportQuerySchema = loadQuerySchema.extend({
  format: z.enum(['csv', 'xlsx', 'json'], { message: 'format must be csv, xlsx or json' }),
  rows: z
    .enum(['chats', 'operators', ''], { message: 'rows must be chats or operators' })
    .optional()
    .transform((value) => (value === 'operators' ? 'operators' : 'chats')),
  sep: z
    .enum([',', ';', ''], { message: 'sep must be , or ; (the CSV separator; Excel in Russian expects ;)' })
    .optional()
    .transform((value) => (value === ';' ? ';' : ',')),
});

/** A snapshot's export: its filters are frozen, so none are taken from the query. */
export const snapshotExportQuerySchema = exportQuerySchema.omit({ channel: true, user: true, team: true });

export const snapshotListQuerySchema = z.object({
  limit: boundedInt('limit', 1, 1000, 200),
});

export const snapshotBodySchema = z.strictObject(
  {
    label: z
      .string({ message: 'label must be text' })
      .trim()
      .max(100, { message: 'label must be at most 100 characters' })
      .nullish()
      .transform((value) => (value ? value : null)),
    channel: idFilter('channel', 'a channel id (api_id)'),
    user: idFilter('user', 'an operator id (user_id)'),
    team: teamFilter,
    showPhones: z
      .boolean({ message: 'showPhones must be true or false' })
      .optional()
      .transform((value) => value === true),
  },
  { message: 'the body may hold only label, channel, user, team and showPhones' },
);

const HOUR_MS = 3_600_000;
export const HISTORY_MAX_RANGE_MS = 31 * 24 * HOUR_MS;

/** An instant as ISO 8601 ("2026-11-28T14:00:00Z", with an offset) or epoch milliseconds. */
const instant = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : /^\d+$/.test(value) ? Number(value) : Date.parse(value)))
    .refine((value) => value === null || Number.isFinite(value), {
      message: `${name} must be a time such as 2026-11-28T14:00:00Z (ISO 8601, with a zone) or epoch milliseconds`,
    });

export const historyQuerySchema = z
  .object({
    from: instant('from'),
    to: instant('to'),
    by: z
      .enum(['total', 'operator', 'channel', 'team', ''], { message: 'by must be total, operator, channel or team' })
      .optional()
      .transform((value) => (value ? value : 'total')),
    id: z
      .string()
      .optional()
      .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()))
      .refine((value) => value === null || (value.length <= 40 && /^(?:\d+|[a-z0-9-]+)$/.test(value)), {
        message: 'id must be an operator id (user_id), a channel id (api_id) or a team id, or empty for all',
      }),
    team: teamFilter,
  })
  .transform((query, context) => {
    const to = query.to ?? Date.now();
    const from = query.from ?? to - 24 * HOUR_MS;
    if (from >= to) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
      return z.NEVER;
    }
    if (to - from > HISTORY_MAX_RANGE_MS) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'from and to may be at most 31 days apart' });
      return z.NEVER;
    }
    if (query.id !== null && query.by !== 'team' && !/^\d{1,20}$/.test(query.id)) {
      context.addIssue({ code: 'custom', path: ['id'], message: `id must be ${query.by === 'channel' ? 'a channel id (api_id)' : 'an operator id (user_id)'}, digits only` });
      return z.NEVER;
    }
    return { fromMs: from, toMs: to, by: query.by as 'total' | 'operator' | 'channel' | 'team', id: query.id, team: query.team };
  });

/** A team analytics range: a day or a week, at most 31 days; CSV or JSON. */
export const teamAnalyticsQuerySchema = z
  .object({
    from: instant('from'),
    to: instant('to'),
    format: z
      .enum(['json', 'csv', ''], { message: 'format must be json or csv' })
      .optional()
      .transform((value) => (value === 'csv' ? 'csv' : 'json')),
    sep: z
      .enum([',', ';', ''], { message: 'sep must be , or ; (the CSV separator; Excel in Russian expects ;)' })
      .optional()
      .transform((value) => (value === ';' ? ';' : ',')),
  })
  .transform((query, context) => {
    const to = query.to ?? Date.now();
    const from = query.from ?? to - 24 * HOUR_MS;
    if (from >= to) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
      return z.NEVER;
    }
    if (to - from > HISTORY_MAX_RANGE_MS) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'from and to may be at most 31 days apart' });
      return z.NEVER;
    }
    return { fromMs: from, toMs: to, format: query.format as 'json' | 'csv', sep: query.sep as ',' | ';' };
  });

// Access control.

export const signInBodySchema = z.strictObject(
  {
    name: z
      .string({ message: 'name must be text' })
      .trim()
      .max(60, { message: 'name must be at most 60 characters' })
      .nullish()
      .transform((value) => (value ? value : null)),
    password: z.string({ message: 'password is missing' }).min(1, { message: 'password is missing' }).max(200, { message: 'password must be at most 200 characters' }),
  },
  { message: 'the body may hold only name and password' },
);

const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]{2,39})$/;

export const displayKeyBodySchema = z.strictObject(
  {
    label: z.string({ message: 'label is missing' }).trim().min(1, { message: 'label is missing' }).max(60, { message: 'label must be at most 60 characters' }),
    ipAllowlist: z
      .array(z.string().trim().regex(IP_ADDRESS, { message: 'ipAllowlist must hold IP addresses such as 192.168.1.20' }), {
        message: 'ipAllowlist must be a list of IP addresses',
      })
      .max(20, { message: 'ipAllowlist may hold at most 20 addresses' })
      .optional()
      .transform((value) => value ?? []),
  },
  { message: 'the body may hold only label and ipAllowlist' },
);

export const auditQuerySchema = z.object({ limit: boundedInt('limit', 1, 1000, 200) });

export const displaySessionQuerySchema = z.object({
  key: z.string({ message: 'key is missing' }).regex(/^[A-Za-z0-9_-]{43}$/, { message: 'key is not a display key' }),
  // Only the wall display of our own site: never send a display elsewhere.
  next: z
    .string()
    .optional()
    .transform((value) => redirectTarget(value, { fallback: '/tv', allow: (url) => url.pathname === '/tv' })),
});
