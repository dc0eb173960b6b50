import { z } from 'zod';
import { redirectTarget } from '@/lib/http/redirect-target';
import { TEAM_ID } from '@/lib/settings/team-id';
import { ALERT_CHANNELS } from '@/lib/storage/types';
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

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Parses the query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, url: string): z.output<T> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    // Our parameters are plain words; anything else is not one of ours and is ignored, as unknown
    // parameters are (the schema drops them), rather than named back in an error.
    if (!PARAMETER_NAME.test(key)) continue;
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

/**
 * A whole number written in plain ASCII digits, NaN otherwise. `Number()` alone would also take
 * "1e3", "0x10", "1.0" and "-0", and numbers too large to be exact; none of those is what a
 * caller meant. (`\d` without the u flag is ASCII only: "١٢٣" and "１２" are not digits here.)
 */
function plainWholeNumber(text: string): number {
  return /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
}

const boundedInt = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => {
      const text = value?.trim() ?? '';
      return text === '' ? fallback : plainWholeNumber(text);
    })
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, {
      message: `${name} must be a whole number from ${min} to ${max}`,
    });

export const waitingQuerySchema = loadQuerySchema.extend({
  limit: boundedInt('limit', 1, 100, 10),
  /** Seconds; absent = the settings' critical threshold. */
  threshold: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : plainWholeNumber(value.trim())))
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

/**
 * Instants are kept within these years: the history holds nothing outside them, and a Date far
 * outside them cannot be written as ISO 8601 at all (`toISOString` throws past ±275,760 years).
 */
export const INSTANT_MIN_MS = Date.UTC(2000, 0, 1);
export const INSTANT_MAX_MS = Date.UTC(2100, 0, 1);

/** An instant as ISO 8601 ("2026-11-28T14:00:00Z", with an offset) or epoch milliseconds. */
const instant = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      const text = value?.trim() ?? '';
      if (text === '') return null;
      // Epoch ms in digits; a number with more digits than 2100 has is out of range, not unreadable.
      const ms = /^\d+$/.test(text) ? (text.length > 16 ? Number.POSITIVE_INFINITY : Number(text)) : parseIsoInstant(text);
      if (ms === null) {
        context.addIssue({ code: 'custom', message: `${name} must be a time such as 2026-11-28T14:00:00Z (ISO 8601, with a zone) or epoch milliseconds` });
        return z.NEVER;
      }
      if (ms < INSTANT_MIN_MS || ms > INSTANT_MAX_MS) {
        context.addIssue({ code: 'custom', message: `${name} must be between 2000-01-01 and 2100-01-01` });
        return z.NEVER;
      }
      return ms;
    });

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?))?$/;

/**
 * An ISO 8601 date (midnight UTC) or date and time with a zone, in epoch ms; null for anything
 * else. Written out because Date.parse also takes February 31st, 24:00, and times without a zone,
 * which it reads in the server's own time zone.
 */
function parseIsoInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (hour === undefined) return Date.UTC(y, mo - 1, d);
  const h = Number(hour);
  const mi = Number(minute);
  const se = Number(second ?? '0');
  if (h > 23 || mi > 59 || se > 59 || zone === undefined) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((fraction ?? '0').padEnd(3, '0').slice(0, 3));
  return Date.UTC(y, mo - 1, d, h, mi, se, ms) - offsetMinutes * 60_000;
}

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

// Rebalancing.

/** An operator id in a body: digits, or "0" / null for nobody. */
const operatorInBody = (name: string) =>
  z
    .union([z.string(), z.number(), z.null()], { message: `${name} must be an operator id (user_id), or null for nobody` })
    .transform((value) => (value === null ? null : String(value).trim()))
    .refine((value) => value === null || /^\d{1,20}$/.test(value), { message: `${name} must be an operator id (user_id), digits only, or null for nobody` })
    .transform((value) => (value === '0' ? null : value));

const chatIdInBody = z
  .union([z.string(), z.number()], { message: 'chatId must be a chat id' })
  .transform((value) => String(value).trim())
  .refine((value) => /^[\w.@+-]{1,64}$/.test(value), { message: 'chatId must be a chat id (chat_id)' });

export const rebalancePlanBodySchema = z.strictObject({ team: teamFilter }, { message: 'the body may hold only team' });

export const MAX_MOVES_PER_APPLY = 500;

export const rebalanceApplyBodySchema = z.strictObject(
  {
    moves: z
      .array(
        z.strictObject(
          {
            chatId: chatIdInBody,
            toUserId: operatorInBody('toUserId'),
            /** Where the chat was when planned: a chat found elsewhere is skipped. */
            fromUserId: operatorInBody('fromUserId').optional(),
            reason: z.string().max(40).regex(/^[a-z_]+$/, { message: 'reason must be one of the plan\'s reasons' }).nullish(),
          },
          { message: 'a move may hold only chatId, toUserId, fromUserId and reason' },
        ),
        { message: 'moves must be a list of moves' },
      )
      .min(1, { message: 'moves must hold at least one move' })
      .max(MAX_MOVES_PER_APPLY, { message: `moves may hold at most ${MAX_MOVES_PER_APPLY} moves at once` })
      .superRefine((moves, context) => {
        const seen = new Set<string>();
        moves.forEach((move, index) => {
          if (seen.has(move.chatId)) context.addIssue({ code: 'custom', path: [index, 'chatId'], message: `chat ${move.chatId} is in the list twice` });
          seen.add(move.chatId);
        });
      }),
  },
  { message: 'the body may hold only moves' },
);

export const assignBodySchema = z.strictObject({ toUserId: operatorInBody('toUserId') }, { message: 'the body may hold only toUserId' });

export const movesQuerySchema = z.object({ limit: boundedInt('limit', 1, 1000, 200) });

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

// Alerts.

export const alertHistoryQuerySchema = z.object({ limit: boundedInt('limit', 1, 1000, 200) });

export const alertTestBodySchema = z.strictObject(
  { channel: z.enum(ALERT_CHANNELS, { message: 'channel must be webhook, telegram or email' }) },
  { message: 'the body may hold only channel' },
);
