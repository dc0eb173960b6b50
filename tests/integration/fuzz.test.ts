import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, startApp, type App, type AppResponse } from './harness';

// Every GET route, with hostile values in every parameter it reads (and in its path id): the
// answer is never a 500, and a 400 always names the parameter it refused. Someone probing the API
// (or a bookmark gone stale) gets told what is wrong, not "something went wrong in chatload".

/** The parameters each GET route reads, by its path with `:id` for the id segment. */
const PARAMETERS: Record<string, readonly string[]> = {
  '/api/load': ['channel', 'user', 'team'],
  '/api/chats': ['channel', 'user', 'team'],
  '/api/waiting': ['channel', 'user', 'team', 'limit', 'threshold', 'names'],
  '/api/export': ['format', 'rows', 'sep', 'channel', 'user', 'team'],
  '/api/history': ['from', 'to', 'by', 'id', 'team'],
  '/api/teams/analytics': ['from', 'to', 'format', 'sep'],
  '/api/snapshots': ['limit'],
  '/api/snapshots/:id/chats': ['channel', 'user', 'team'],
  '/api/snapshots/:id/export': ['format', 'rows', 'sep'],
  '/api/audit': ['limit'],
  '/api/display-session': ['key', 'next'],
};
/** Routes not listed read no parameters; they get the others' names, which they must ignore. */
const EVERY_NAME = [...new Set(Object.values(PARAMETERS).flat())];

const HOSTILE = [
  '100000000000000000000',
  '8640000000000001',
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
  '12\u0000',
  '',
  ' ',
  '9'.repeat(400),
  'x'.repeat(5000),
  '2026-02-31T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '//evil.example',
  '/\t/evil.example',
  'csv',
  'operators',
  ';',
  'channel',
  '1401',
  '8101',
];
const nasty = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[0-9]{1,400}$/),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

/** `^\/api\/snapshots\/(?<id>[^/]+)\/chats$` → `/api/snapshots/:id/chats`. */
function template(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^|\$$/g, '')
    .replace('(?<id>[^/]+)', ':id')
    .replace(/\\\//g, '/');
}

const GET_ROUTES = API_ROUTES.filter((route) => route.methods.GET !== undefined).map((route) => template(route.pattern));

let app: App;
let snapshotId = 'AAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
  app = await startApp();
  const saved = await app.request('POST', '/api/snapshots', { label: 'fuzz' }, { host: 'chatload.test', origin: 'http://chatload.test' });
  const id = (saved.body as { id?: unknown } | null)?.id;
  if (typeof id === 'string') snapshotId = id;
});

afterAll(async () => {
  await app?.close();
});

describe('every GET route against hostile values', () => {
  it('covers the routes there are', () => {
    expect(GET_ROUTES).toEqual(expect.arrayContaining(Object.keys(PARAMETERS)));
  });

  it.each(GET_ROUTES)('%s: each parameter alone with each hostile value', async (route) => {
    const names = PARAMETERS[route] ?? EVERY_NAME;
    for (const name of names) {
      for (const value of HOSTILE) {
        const path = route.replace(':id', snapshotId);
        expectSound(await app.get(`${path}?${new URLSearchParams({ [name]: value })}`), names, `${path}?${name}=${JSON.stringify(value)}`);
      }
    }
  });

  it.each(GET_ROUTES)('%s: never a 500, and a 400 names its parameter', async (route) => {
    const names = PARAMETERS[route] ?? EVERY_NAME;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...names), nasty, fc.constantFrom(1, 1, 1, 2)), { maxLength: 3, size: 'xsmall' }),
        fc.oneof(fc.constant(snapshotId), nasty.filter((id) => id !== '')),
        async (entries, id) => {
          const query = new URLSearchParams();
          for (const [name, value, times] of entries) for (let i = 0; i < times; i++) query.append(name, value);
          const path = route.replace(':id', encodeURIComponent(id));
          expectSound(await app.get(`${path}?${query}`), names, `${path}?${query}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Never a 500; a 400 names a parameter of the route; a redirect stays on our site. */
function expectSound(answer: AppResponse, names: readonly string[], asked: string): void {
  const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
  expect(answer.status, `${asked} answered ${answer.text.slice(0, 200)}`).not.toBe(500);
  expect(error?.code, asked).not.toBe('internal_error');
  if (answer.status === 400) {
    // The parameter refused: one that was given, or one the route needs (export's format).
    expect(
      names.some((name) => error?.message?.startsWith(`${name} `)),
      `the 400 for ${asked} names none of ${names.join(', ')}: ${error?.message}`,
    ).toBe(true);
  }
  if (answer.status === 303) {
    const location = answer.headers.get('location') ?? '';
    expect(new URL(location, 'http://chatload.test').origin, asked).toBe('http://chatload.test');
  }
}
