import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from './errors';
import {
  auditQuerySchema,
  displaySessionQuerySchema,
  exportQuerySchema,
  historyQuerySchema,
  loadQuerySchema,
  parseQuery,
  snapshotExportQuerySchema,
  snapshotListQuerySchema,
  teamAnalyticsQuerySchema,
  waitingQuerySchema,
} from './query';

const KEY = 'a'.repeat(43);
const nextOf = (next: string | undefined) => displaySessionQuerySchema.parse({ key: KEY, next }).next;

describe('the display pairing next page', () => {
  it('keeps the wall display with its settings', () => {
    expect(nextOf('/tv?panels=headline,operators&theme=light')).toBe('/tv?panels=headline,operators&theme=light');
    expect(nextOf('/tv')).toBe('/tv');
    expect(nextOf(undefined)).toBe('/tv');
  });

  it.each(['//evil.example', '/\t/evil.example', 'https://evil.example/tv', '/tv/../settings', '/settings', '/tvx', ' /tv'])('sends %j to /tv', (next) => {
    expect(nextOf(next)).toBe('/tv');
  });

  it('never gives a Location a line break to carry', () => {
    // The query is decoded before it gets here: %0d%0a arrives as CR LF.
    const next = nextOf('/tv?theme=dark\r\nSet-Cookie: chatload_session=forged');
    expect(next).not.toMatch(/[\r\n]/);
    expect(() => new Headers({ location: next })).not.toThrow();
    expect(new URL(next, 'https://chatload.example.com').pathname).toBe('/tv');
  });
});

// Every query value a client can send: the parsers answer with a value or a 400 that names the
// parameter, never anything else (an exception here is a 500 for the caller).

const URL_BASE = 'http://chatload.test/api/x';
const nastyValues = [
  '100000000000000000000',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '١٢٣',
  '１２',
  '\u0000',
  '1\u0000',
  ' ',
  '+1',
  '9'.repeat(400),
  'x'.repeat(10_000),
  '2026-02-31T00:00:00Z',
  '2026-11-28T24:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-11-28T14:00:00',
  '1999-12-31T23:59:59Z',
  '2100-01-01T00:00:01Z',
  '0',
  '007',
];
const nastyValue = fc.oneof(
  fc.constantFrom(...nastyValues),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[0-9]{1,400}$/),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

const SCHEMAS = [
  { name: 'load', schema: loadQuerySchema, params: ['channel', 'user', 'team'] },
  { name: 'waiting', schema: waitingQuerySchema, params: ['channel', 'user', 'team', 'limit', 'threshold', 'names'] },
  { name: 'export', schema: exportQuerySchema, params: ['format', 'rows', 'sep', 'channel', 'user', 'team'] },
  { name: 'snapshot export', schema: snapshotExportQuerySchema, params: ['format', 'rows', 'sep'] },
  { name: 'snapshot list', schema: snapshotListQuerySchema, params: ['limit'] },
  { name: 'history', schema: historyQuerySchema, params: ['from', 'to', 'by', 'id', 'team'] },
  { name: 'team analytics', schema: teamAnalyticsQuerySchema, params: ['from', 'to', 'format', 'sep'] },
  { name: 'audit', schema: auditQuerySchema, params: ['limit'] },
] as const;

/** The query's outcome: 'ok' with the value, or the 400's message; anything else fails the test. */
function outcome(schema: z.ZodType, query: URLSearchParams): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: parseQuery(schema, `${URL_BASE}?${query}`) };
  } catch (error) {
    if (ApiError.is(error) && error.status === 400) return { ok: false, message: error.message };
    throw error;
  }
}

describe('query parsing against hostile values', () => {
  it('refuses /api/history?to=100000000000000000000 as a 400 naming to, not a time it cannot write', () => {
    const result = outcome(historyQuerySchema, new URLSearchParams({ to: '100000000000000000000' }));
    expect(result).toEqual({ ok: false, message: 'to must be between 2000-01-01 and 2100-01-01' });
  });

  it.each(SCHEMAS)('$name: a value or a 400 that names its parameter, for any value of any parameter', ({ schema, params }) => {
    fc.assert(
      fc.property(
        // Mostly one parameter at a time, given once, so a bad value is not hidden behind another's 400.
        fc.array(fc.tuple(fc.constantFrom(...params), nastyValue, fc.constantFrom(1, 1, 1, 1, 2, 3)), { minLength: 1, maxLength: 3, size: 'xsmall' }),
        (entries) => {
          const query = new URLSearchParams();
          for (const [param, value, times] of entries) for (let i = 0; i < times; i++) query.append(param, value);
          const result = outcome(schema, query);
          if (!result.ok) {
            expect(params.some((param) => result.message.startsWith(`${param} `))).toBe(true);
            return;
          }
          // What the routes do next with a value must not throw either.
          const value = result.value as { fromMs?: number; toMs?: number };
          if (value.fromMs !== undefined) expect(() => [new Date(value.fromMs!).toISOString(), new Date(value.toMs!).toISOString()]).not.toThrow();
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads numbers only as plain digits', () => {
    const limit = (value: string) => outcome(snapshotListQuerySchema, new URLSearchParams({ limit: value }));
    const threshold = (value: string) => outcome(waitingQuerySchema, new URLSearchParams({ threshold: value }));
    expect(limit('25')).toEqual({ ok: true, value: { limit: 25 } });
    expect(threshold('600')).toMatchObject({ ok: true, value: { threshold: 600 } });
    for (const value of ['1e2', '0x10', '10.0', '１２', '١٢٣', '+5', '-0', 'Infinity', '9'.repeat(400)]) {
      expect(limit(value)).toEqual({ ok: false, message: 'limit must be a whole number from 1 to 1000' });
      expect(threshold(value)).toMatchObject({ ok: false, message: expect.stringMatching(/^threshold must be a whole number/) });
    }
  });

  it('reads times as ISO 8601 with a zone, or epoch ms, between 2000 and 2100', () => {
    const history = (from: string, to: string) => outcome(historyQuerySchema, new URLSearchParams({ from, to }));
    expect(history('2026-11-28T11:00:00+03:00', '2026-11-28T09:00:00.5Z')).toEqual({
      ok: true,
      value: { fromMs: Date.UTC(2026, 10, 28, 8), toMs: Date.UTC(2026, 10, 28, 9, 0, 0, 500), by: 'total', id: null, team: null },
    });
    expect(history(String(Date.UTC(2026, 0, 1)), '2026-01-02')).toMatchObject({ ok: true, value: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 2) } });
    expect(history('2026-02-31T00:00:00Z', '2026-03-05T00:00:00Z')).toMatchObject({ ok: false, message: expect.stringMatching(/^from must be a time/) });
    expect(history('2026-11-28T10:00:00', '2026-11-28T12:00:00Z')).toMatchObject({ ok: false, message: expect.stringMatching(/^from must be a time/) });
    expect(history('1999-12-31T00:00:00Z', '2000-01-02T00:00:00Z')).toEqual({ ok: false, message: 'from must be between 2000-01-01 and 2100-01-01' });
  });

  it('says which parameter was given twice', () => {
    expect(outcome(loadQuerySchema, new URLSearchParams([['user', '1'], ['user', '2']]))).toEqual({ ok: false, message: 'user is given 2 times; give it once' });
    // Not one of ours, however often: ignored like any unknown parameter.
    expect(outcome(loadQuerySchema, new URLSearchParams([['', '1'], ['', '2'], ['a\u0000', '1'], ['a\u0000', '2']]))).toEqual({ ok: true, value: { channel: null, user: null, team: null } });
  });
});
