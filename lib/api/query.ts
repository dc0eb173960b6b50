import { z } from 'zod';
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

export const loadQuerySchema = z.object({
  channel: idFilter('channel', 'a channel id (api_id)'),
  user: idFilter('user', 'an operator id (user_id)'),
});

export type LoadQuery = z.output<typeof loadQuerySchema>;

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
  threshold: boundedInt('threshold', 0, 7 * 86_400, 900),
  names: z
    .enum(['0', '1', ''], { message: 'names must be 1 (show customer names and phones) or 0' })
    .optional()
    .transform((value) => value === '1'),
});
