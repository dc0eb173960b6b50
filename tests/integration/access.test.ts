import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { hashPassword } from '@/lib/auth/passwords';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, sessionResponseSchema } from '@/lib/api/response-schemas';
import type { WaitingResponse } from '@/lib/load/types';
import type { AuditResponse, DisplayKeyCreatedBody } from '@/lib/auth/responses';
import type { SnapshotSummaryBody } from '@/lib/snapshots/types';
import { API_ACCESS, CALLERS, sessionIdOfCookie, type Caller } from '@/tests/support/access-table';
import { TOKEN, startApp, type App, type AppResponse } from './harness';

// Access control through the real route handlers: sessions made by signing in, display sessions by
// trading a key; the README's table walked for every role.

const MANAGER_PASSWORD = 'manager-secret-1';
const VIEWER_PASSWORD = 'viewer-secret-1';
const HOST = { host: 'chatload.test' };

function cookieOf(response: AppResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

describe('access control', () => {
  let app: App;
  const cookies: Record<Caller, string> = { anonymous: '', display: '', viewer: '', manager: '' };
  let pairingKey = '';
  const as = (caller: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(method, path, body, { ...HOST, ...(cookies[caller] ? { cookie: cookies[caller] } : {}), ...headers });

  beforeAll(async () => {
    app = await startApp({ env: { AUTH_DISABLED: '0', MANAGER_PASSWORD, VIEWER_PASSWORD } });
    cookies.manager = cookieOf(await app.request('POST', '/api/session', { password: MANAGER_PASSWORD }, HOST));
    cookies.viewer = cookieOf(await app.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST));
    const key = (await as('manager', 'POST', '/api/display-keys', { label: 'TV hall' })).body as DisplayKeyCreatedBody;
    pairingKey = key.key;
    const paired = await app.request('GET', `/api/display-session?key=${key.key}&next=${encodeURIComponent('/tv?lang=ru')}`, undefined, HOST);
    expect(paired.status).toBe(303);
    expect(paired.headers.get('location')).toBe('/tv?lang=ru');
    cookies.display = cookieOf(paired);
  });
  afterAll(() => app.close());

  it('signs people in with the right password only, in an httpOnly cookie', async () => {
    for (const caller of ['manager', 'viewer', 'display'] as const) expect(cookies[caller]).toMatch(/^chatload_session=.+/);
    const manager = await as('manager', 'GET', '/api/session');
    expect(sessionResponseSchema.parse(manager.body)).toMatchObject({ user: { name: 'manager', role: 'manager' }, authDisabled: false });
    const wrong = await app.request('POST', '/api/session', { password: 'guess' }, { ...HOST, 'x-chatload-client-address': '10.9.9.9' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const issued = await app.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST);
    expect(issued.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('answers every route for every role as the README table says', async () => {
    const snapshot = (await as('manager', 'POST', '/api/snapshots', {})).body as SnapshotSummaryBody;
    const mismatches: string[] = [];
    for (const row of API_ACCESS) {
      for (const caller of CALLERS) {
        let path = row.path.replace('{snapshot}', snapshot.id);
        if (path.includes('{doomed}')) path = path.replace('{doomed}', ((await as('manager', 'POST', '/api/snapshots', {})).body as SnapshotSummaryBody).id);
        if (path.includes('{key}')) path = path.replace('{key}', ((await as('manager', 'POST', '/api/display-keys', { label: 'doomed' })).body as DisplayKeyCreatedBody).id);
        if (path.includes('{session}')) path = path.replace('{session}', sessionIdOfCookie(cookieOf(await app.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST))));
        const response = await as(caller, row.method, path, row.body);
        if (response.status !== row.expect[caller]) mismatches.push(`${caller} ${row.method} ${path}: ${response.status}, expected ${row.expect[caller]}`);
        if (response.status === 401 || response.status === 403) {
          expect(errorResponseSchema.parse(response.body).error.code).toMatch(/^(unauthorized|forbidden)$/);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("masks customers' names for a display, even when its URL asks for them", async () => {
    const forDisplay = (await as('display', 'GET', '/api/waiting?names=1')).body as WaitingResponse;
    expect(forDisplay.chats.length).toBeGreaterThan(0);
    expect(forDisplay.chats.every((chat) => chat.chatName === undefined && chat.phone === undefined)).toBe(true);
    const forViewer = (await as('viewer', 'GET', '/api/waiting?names=1')).body as WaitingResponse;
    expect(forViewer.chats.some((chat) => typeof chat.chatName === 'string')).toBe(true);
  });

  it("shows a snapshot's phone numbers as four digits, unless the manager who saved it chose otherwise", async () => {
    const masked = (await as('manager', 'POST', '/api/snapshots', {})).body as SnapshotSummaryBody;
    const shown = (await as('manager', 'POST', '/api/snapshots', { showPhones: true })).body as SnapshotSummaryBody;
    const phones = async (id: string) =>
      ((await as('viewer', 'GET', `/api/snapshots/${id}/chats`)).body as { chats: Array<{ phone: string }> }).chats.map((chat) => chat.phone).filter(Boolean);
    expect((await phones(masked.id)).every((phone) => /^[^0-9]*(\*[^0-9]*)+(\d[^0-9]*){1,4}$/.test(phone))).toBe(true);
    expect((await phones(shown.id)).some((phone) => /\d{5,}/.test(phone.replace(/\D/g, '')))).toBe(true);
    const csv = (await as('viewer', 'GET', `/api/snapshots/${masked.id}/export?format=csv`)).text;
    expect(csv).not.toMatch(/\d{7}/);
  });

  it('blanks a display whose key is revoked, at its next request', async () => {
    const key = (await as('manager', 'POST', '/api/display-keys', { label: 'TV to revoke' })).body as DisplayKeyCreatedBody;
    const paired = cookieOf(await app.request('GET', `/api/display-session?key=${key.key}`, undefined, HOST));
    expect((await app.request('GET', '/api/load', undefined, { ...HOST, cookie: paired })).status).toBe(200);
    expect((await as('manager', 'DELETE', `/api/display-keys/${key.id}`)).status).toBe(204);
    const refused = await app.request('GET', '/api/load', undefined, { ...HOST, cookie: paired });
    expect(refused.status).toBe(401);
    expect(errorResponseSchema.parse(refused.body).error.code).toBe('display_revoked');
    // The key cannot pair a display again either.
    const again = await app.request('GET', `/api/display-session?key=${key.key}`, undefined, HOST);
    expect(again.headers.get('location')).toBe('/login?display=refused');
  });

  it('keeps a display key to the addresses it lists', async () => {
    const key = (await as('manager', 'POST', '/api/display-keys', { label: 'Lobby', ipAllowlist: ['192.168.1.20'] })).body as DisplayKeyCreatedBody;
    const from = (address: string) => app.request('GET', `/api/display-session?key=${key.key}`, undefined, { ...HOST, 'x-chatload-client-address': address });
    expect((await from('10.0.0.5')).headers.get('location')).toBe('/login?display=address');
    expect((await from('192.168.1.20')).headers.get('location')).toBe('/tv');
  });

  it('refuses a state-changing request from another site (CSRF)', async () => {
    const attempts: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of attempts) {
      const response = await as('manager', 'POST', '/api/snapshots', {}, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(errorResponseSchema.parse(response.body).error.code).toBe('cross_origin');
    }
    expect((await as('manager', 'POST', '/api/snapshots', {}, { origin: 'http://chatload.test' })).status).toBe(201);
  });

  it('slows down guessing: the sixth wrong password from one address in 15 minutes waits', async () => {
    const from = { ...HOST, 'x-chatload-client-address': '203.0.113.7' };
    for (let i = 0; i < 5; i++) expect((await app.request('POST', '/api/session', { password: `guess-${i}` }, from)).status).toBe(401);
    const limited = await app.request('POST', '/api/session', { password: MANAGER_PASSWORD }, from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await app.request('POST', '/api/session', { password: MANAGER_PASSWORD }, { ...HOST, 'x-chatload-client-address': '203.0.113.8' })).status).toBe(200);
  });

  it('writes sign-ins, failures, snapshots and display keys to the audit log, with no password in it', async () => {
    const entries = ((await as('manager', 'GET', '/api/audit?limit=1000')).body as AuditResponse).entries;
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of ['sign_in', 'sign_in_failed', 'snapshot_saved', 'snapshot_deleted', 'display_key_created', 'display_key_revoked', 'display_paired', 'display_refused']) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(entries);
    for (const secret of [MANAGER_PASSWORD, VIEWER_PASSWORD, pairingKey, 'guess-0']) expect(text).not.toContain(secret);
  });

  it('never puts the token, a password or a display key in any answer', () => {
    for (const body of app.bodies) {
      for (const secret of [TOKEN, MANAGER_PASSWORD, VIEWER_PASSWORD]) expect(body).not.toContain(secret);
    }
  });
});

describe('named accounts from USERS_FILE', () => {
  it('sign in by name and password, whatever the case of the name; an unknown name is just wrong', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chatload-users-'));
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ name: 'Анна', role: 'manager', password: await hashPassword('anna-password-1') }]));
    const app = await startApp({ env: { AUTH_DISABLED: '0', USERS_FILE: file } });
    try {
      const signIn = (name: string, password: string) => app.request('POST', '/api/session', { name, password }, HOST);
      expect((await signIn('анна', 'anna-password-1')).body).toMatchObject({ user: { name: 'Анна', role: 'manager' } });
      expect((await signIn('Анна', 'wrong-password')).status).toBe(401);
      expect((await signIn('Борис', 'anna-password-1')).status).toBe(401);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every query parameter and JSON body, whatever is sent', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const KNOWN = ['channel', 'user', 'limit', 'threshold', 'names', 'format', 'rows', 'sep', 'from', 'to', 'by', 'id', 'label', 'showPhones', 'password', 'name', 'ipAllowlist', 'key', 'next', 'the body'];
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.constantFrom('', ' ', '-1', '1e9', '0x10', '..', '%', '1401', '8101', 'csv', ';', 'operator', '2026-11-28T10:00:00Z'));
  const query = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN.slice(0, 13)), fc.string({ maxLength: 6 })), value, { maxKeys: 4 });

  function expectClear(response: AppResponse, what: string) {
    expect(response.status, what).not.toBe(500);
    if (response.status === 400) {
      const message = errorResponseSchema.parse(response.body).error.message;
      expect(KNOWN.some((name) => message.startsWith(name) || message.includes(` ${name} `)) || /^the body|given \d+ times/.test(message), `${what}: ${message}`).toBe(true);
    }
  }

  it('get a 200 or a 400 naming the parameter from every GET route, never a 500', async () => {
    const paths = ['/api/load', '/api/chats', '/api/waiting', '/api/export', '/api/history', '/api/snapshots', '/api/audit'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (path, params) => {
        const search = new URLSearchParams(params).toString();
        const response = await app.get(`${path}?${search}`);
        expectClear(response, `${path}?${search}`);
        expect([200, 400]).toContain(response.status);
      }),
      { numRuns: 250 },
    );
  });

  it('get a 201 or a 400 naming the field from every JSON body, never a 500', async () => {
    const json = fc.oneof(
      fc.dictionary(fc.constantFrom('label', 'channel', 'user', 'showPhones', 'password', 'name', 'ipAllowlist', 'extra'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/snapshots', '/api/display-keys', '/api/session'), json, async (path, body) => {
        const response = await app.request('POST', path, JSON.stringify(body), { 'content-type': 'application/json' });
        expectClear(response, `${path} ${JSON.stringify(body)}`);
        expect([200, 201, 400, 401], `${path} ${JSON.stringify(body)}`).toContain(response.status);
      }),
      { numRuns: 250 },
    );
  });
});
