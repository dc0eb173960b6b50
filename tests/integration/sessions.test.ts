import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, healthResponseSchema } from '@/lib/api/response-schemas';
import { hashPassword } from '@/lib/auth/passwords';
import { signLegacyDisplay } from '@/lib/auth/session';
import type { AuditResponse, DisplayKeyCreatedBody, SessionListResponse } from '@/lib/auth/responses';
import { parseConfig } from '@/lib/config';
import { createRuntime } from '@/lib/runtime';
import { sessionIdOfCookie } from '@/tests/support/access-table';
import { startApp, type App, type AppResponse } from './harness';

// Sessions kept on the server, sign-in and pairing limits, and what a database fault may and may not
// take down, through the real route handlers and a real SQLite file.

const MANAGER_PASSWORD = 'manager-secret-1';
const VIEWER_PASSWORD = 'viewer-secret-1';
const SESSION_SECRET = 'integration-session-secret-0123456789';
const HOST = { host: 'chatload.test' };
const ACCOUNTS = { AUTH_DISABLED: '0', MANAGER_PASSWORD, VIEWER_PASSWORD, SESSION_SECRET };

function cookieOf(response: AppResponse): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}
const from = (address: string) => ({ ...HOST, 'x-chatload-client-address': address });

describe('sessions kept on the server', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ env: ACCOUNTS });
  });
  afterAll(() => app.close());

  const signIn = async (password = VIEWER_PASSWORD) => cookieOf(await app.request('POST', '/api/session', { password }, HOST));
  const load = (cookie: string) => app.request('GET', '/api/load', undefined, { ...HOST, cookie });

  it('end at sign-out wherever the cookie was copied', async () => {
    const cookie = await signIn();
    const copy = `${cookie}`;
    expect((await load(copy)).status).toBe(200);
    expect((await app.request('DELETE', '/api/session', undefined, { ...HOST, cookie })).status).toBe(200);
    const after = await load(copy);
    expect(after.status).toBe(401);
    expect(errorResponseSchema.parse(after.body).error.code).toBe('unauthorized');
  });

  it('are listed for a manager, who can end any of them', async () => {
    const manager = await signIn(MANAGER_PASSWORD);
    const viewer = await signIn();
    const list = (await app.request('GET', '/api/sessions', undefined, { ...HOST, cookie: manager })).body as SessionListResponse;
    const viewerId = sessionIdOfCookie(viewer);
    const mine = list.sessions.find((session) => session.current);
    expect(mine).toMatchObject({ account: 'manager', role: 'manager' });
    expect(list.sessions.find((session) => session.id === viewerId)).toMatchObject({ account: 'viewer', role: 'viewer', current: false });
    expect((await app.request('DELETE', `/api/sessions/${viewerId}`, undefined, { ...HOST, cookie: manager })).status).toBe(204);
    expect((await load(viewer)).status).toBe(401);
    expect((await app.request('DELETE', `/api/sessions/${viewerId}`, undefined, { ...HOST, cookie: manager })).status).toBe(404);
    const audit = (await app.request('GET', '/api/audit', undefined, { ...HOST, cookie: manager })).body as AuditResponse;
    expect(audit.entries.find((entry) => entry.action === 'session_ended')).toMatchObject({ actor: 'manager', detail: 'viewer (viewer)' });
  });

  it('refuse a cookie that was edited or signed with another secret', async () => {
    const cookie = await signIn();
    const [name, value] = cookie.split('=') as [string, string];
    const [version, payload, mac] = value.split('.') as [string, string, string];
    const promoted = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"viewer"', '"manager"')).toString('base64url');
    expect((await app.request('GET', '/api/audit', undefined, { ...HOST, cookie: `${name}=${version}.${promoted}.${mac}` })).status).toBe(401);
  });
});

describe('sessions over a restart and account changes', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('survive a restart, and the ones ended stay ended', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-restart-'));
    dirs.push(dataDir);
    const first = await startApp({ env: ACCOUNTS, dataDir });
    const kept = cookieOf(await first.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST));
    const ended = cookieOf(await first.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST));
    await first.request('DELETE', '/api/session', undefined, { ...HOST, cookie: ended });
    await first.close();

    const second = await startApp({ env: ACCOUNTS, dataDir });
    try {
      expect((await second.request('GET', '/api/load', undefined, { ...HOST, cookie: kept })).status).toBe(200);
      expect((await second.request('GET', '/api/load', undefined, { ...HOST, cookie: ended })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('end when the password they were signed in with changes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-restart-'));
    dirs.push(dataDir);
    const first = await startApp({ env: ACCOUNTS, dataDir });
    const viewer = cookieOf(await first.request('POST', '/api/session', { password: VIEWER_PASSWORD }, HOST));
    const manager = cookieOf(await first.request('POST', '/api/session', { password: MANAGER_PASSWORD }, HOST));
    await first.close();

    const second = await startApp({ env: { ...ACCOUNTS, VIEWER_PASSWORD: 'a-new-viewer-password' }, dataDir });
    try {
      expect((await second.request('GET', '/api/load', undefined, { ...HOST, cookie: viewer })).status).toBe(401);
      expect((await second.request('GET', '/api/load', undefined, { ...HOST, cookie: manager })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('end when USERS_FILE removes the account, changes its role or its password, without a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chatload-users-'));
    dirs.push(dir);
    const file = path.join(dir, 'users.json');
    const anna = { name: 'Анна', role: 'manager', password: await hashPassword('anna-password-1') };
    const boris = { name: 'Борис', role: 'manager', password: await hashPassword('boris-password-1') };
    const vera = { name: 'Вера', role: 'viewer', password: await hashPassword('vera-password-1') };
    const gleb = { name: 'Глеб', role: 'viewer', password: await hashPassword('gleb-password-1') };
    writeFileSync(file, JSON.stringify([anna, boris, vera, gleb]));
    const app = await startApp({ env: { AUTH_DISABLED: '0', USERS_FILE: file, SESSION_SECRET } });
    try {
      const signIn = async (name: string, password: string) => cookieOf(await app.request('POST', '/api/session', { name, password }, HOST));
      const cookies = {
        anna: await signIn('Анна', 'anna-password-1'),
        boris: await signIn('Борис', 'boris-password-1'),
        vera: await signIn('Вера', 'vera-password-1'),
        gleb: await signIn('Глеб', 'gleb-password-1'),
      };
      for (const cookie of Object.values(cookies)) expect((await app.request('GET', '/api/load', undefined, { ...HOST, cookie })).status).toBe(200);
      // Anna demoted, Vera removed, Gleb given a new password; Boris unchanged.
      writeFileSync(file, JSON.stringify([{ ...anna, role: 'viewer' }, boris, { ...gleb, password: await hashPassword('gleb-password-2') }]));
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const status = async (cookie: string) => (await app.request('GET', '/api/load', undefined, { ...HOST, cookie })).status;
      expect({ anna: await status(cookies.anna), boris: await status(cookies.boris), vera: await status(cookies.vera), gleb: await status(cookies.gleb) }).toEqual({
        anna: 401,
        boris: 200,
        vera: 401,
        gleb: 401,
      });
    } finally {
      await app.close();
    }
  });
});

describe('guessing passwords', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'chatload-users-'));
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ name: 'Анна', role: 'manager', password: await hashPassword('anna-password-1') }]));
    app = await startApp({ env: { AUTH_DISABLED: '0', USERS_FILE: file, SESSION_SECRET } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('200 wrong passwords sent at once to a named account get at most five checks', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => app.request('POST', '/api/session', { name: 'Анна', password: `guess-${i}` }, from('198.51.100.9'))),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(195);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    // The burst is one folded entry in the audit log, not 200 rows.
    const manager = cookieOf(await app.request('POST', '/api/session', { name: 'Анна', password: 'anna-password-1' }, from('192.0.2.1')));
    const audit = (await app.request('GET', '/api/audit', undefined, { ...HOST, cookie: manager })).body as AuditResponse;
    const fromThere = audit.entries.filter((entry) => entry.address === '198.51.100.9');
    expect(fromThere.length).toBeLessThanOrEqual(2);
    expect(fromThere.reduce((sum, entry) => sum + entry.count, 0)).toBe(200);
  });

  it('lets failures from many addresses lock out nobody who has not failed', async () => {
    // The shared passwords: no scrypt, so sixty guesses take no time.
    const shared = await startApp({ env: ACCOUNTS });
    try {
      for (let i = 0; i < 60; i++) await shared.request('POST', '/api/session', { password: 'wrong-guess' }, from(`198.51.100.${100 + (i % 12)}`));
      expect((await shared.request('POST', '/api/session', { password: 'wrong-guess' }, from('198.51.100.100'))).status).toBe(429);
      expect((await shared.request('POST', '/api/session', { password: MANAGER_PASSWORD }, from('192.0.2.44'))).status).toBe(200);
    } finally {
      await shared.close();
    }
  });
});

describe('pairing wall displays', () => {
  let app: App;
  let manager = '';
  beforeAll(async () => {
    app = await startApp({ env: ACCOUNTS });
    manager = cookieOf(await app.request('POST', '/api/session', { password: MANAGER_PASSWORD }, HOST));
  });
  afterAll(() => app.close());
  const asManager = (method: 'GET' | 'POST' | 'DELETE', target: string, body?: unknown) => app.request(method, target, body, { ...HOST, cookie: manager });

  it('refuses guessed keys per address, folds the refusals into one audit entry, and then refuses even a good key from there', async () => {
    const key = (await asManager('POST', '/api/display-keys', { label: 'Hall' })).body as DisplayKeyCreatedBody;
    const guess = (n: number) => `${'A'.repeat(40)}${String(n).padStart(3, '0')}`;
    const locations: string[] = [];
    for (let i = 0; i < 300; i++) {
      const answer = await app.request('GET', `/api/display-session?key=${guess(i)}`, undefined, from('198.51.100.20'));
      locations.push(answer.headers.get('location') ?? '');
    }
    expect(locations.slice(0, 5).every((location) => location === '/login?display=refused')).toBe(true);
    expect(locations.slice(5).every((location) => location === '/login?display=limited')).toBe(true);
    const good = await app.request('GET', `/api/display-session?key=${key.key}`, undefined, from('198.51.100.20'));
    expect(good.headers.get('location')).toBe('/login?display=limited');
    expect((await app.request('GET', `/api/display-session?key=${key.key}`, undefined, from('198.51.100.21'))).headers.get('location')).toBe('/tv');

    const audit = ((await asManager('GET', '/api/audit?limit=1000')).body as AuditResponse).entries.filter((entry) => entry.address === '198.51.100.20');
    expect(audit.length).toBeLessThanOrEqual(2);
    expect(audit.reduce((sum, entry) => sum + entry.count, 0)).toBe(301);
  });

  it("keeps a manager's session when a display link is opened in the manager's browser", async () => {
    const key = (await asManager('POST', '/api/display-keys', { label: 'Kitchen' })).body as DisplayKeyCreatedBody;
    const answer = await app.request('GET', `/api/display-session?key=${key.key}`, undefined, { ...HOST, cookie: manager });
    expect(answer.headers.get('location')).toBe('/login?display=signed-in');
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect((await asManager('GET', '/api/audit')).status).toBe(200);
  });

  it('keeps a display paired before sessions were stored working, and gives it a session of its own', async () => {
    const key = (await asManager('POST', '/api/display-keys', { label: 'Old TV' })).body as DisplayKeyCreatedBody;
    const legacy = `chatload_session=${signLegacyDisplay({ name: 'Old TV', displayKeyId: key.id, issuedAtMs: Date.now() - 86_400_000 }, SESSION_SECRET)}`;
    const first = await app.request('GET', '/api/load', undefined, { ...HOST, cookie: legacy });
    expect(first.status).toBe(200);
    const upgraded = cookieOf(first);
    expect(upgraded).toMatch(/^chatload_session=2\./);
    expect((await app.request('GET', '/api/load', undefined, { ...HOST, cookie: upgraded })).status).toBe(200);
    expect((await asManager('DELETE', `/api/display-keys/${key.id}`)).status).toBe(204);
    for (const cookie of [legacy, upgraded]) {
      const refused = await app.request('GET', '/api/load', undefined, { ...HOST, cookie });
      expect(errorResponseSchema.parse(refused.body).error.code).toBe('display_revoked');
    }
  });
});

describe('a database locked by another process', () => {
  let app: App;
  let holder: ChildProcess | null = null;
  beforeAll(async () => {
    app = await startApp({ env: ACCOUNTS });
  });
  afterAll(async () => {
    holder?.kill('SIGKILL');
    await app.close();
  });

  it('does not stop a wall display: every poll answers 200 within a second, and health says why storage fails', async () => {
    const manager = cookieOf(await app.request('POST', '/api/session', { password: MANAGER_PASSWORD }, HOST));
    const key = (await app.request('POST', '/api/display-keys', { label: 'Locked TV' }, { ...HOST, cookie: manager })).body as DisplayKeyCreatedBody;
    const display = cookieOf(await app.request('GET', `/api/display-session?key=${key.key}`, undefined, HOST));

    holder = holdExclusiveLock(app.config.sqliteFile);
    await new Promise<void>((resolve, reject) => {
      holder!.stdout!.once('data', () => resolve());
      holder!.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    const slowest: number[] = [];
    // The first poll after pairing writes the display's last-seen time: a write while the lock is held.
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const answer = await app.request('GET', '/api/load', undefined, { ...HOST, cookie: display });
      slowest.push(performance.now() - started);
      expect(answer.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Math.max(...slowest)).toBeLessThan(1000);
    // Saving a snapshot needs the database: a 503 that says so, not a 500.
    const saved = await app.request('POST', '/api/snapshots', {}, { ...HOST, cookie: manager });
    expect(saved.status).toBe(503);
    expect(errorResponseSchema.parse(saved.body).error.code).toBe('storage_unavailable');
    const health = healthResponseSchema.parse((await app.get('/api/health')).body);
    expect(health.status).toBe('degraded');
    expect(health.storage.ok).toBe(false);
    expect(health.storage.problem).toMatch(/lock/i);
  }, 40_000);
});

describe('a start that fails half-way', () => {
  it('leaves no simulator or database open behind it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-badstart-'));
    // A directory where the database file should be: it cannot open.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dataDir, 'chatload-demo.db'));
    const servers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
    const before = servers();
    for (let i = 0; i < 3; i++) await expect(createRuntime(parseConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/cannot open the SQLite file/);
    // A closed server lets go of its handle on the next turn of the event loop.
    for (let wait = 0; wait < 20 && servers() > before; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(servers()).toBeLessThanOrEqual(before);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

/** A child process that takes SQLite's write lock and holds it until killed, printing once it has it. */
function holdExclusiveLock(file: string): ChildProcess {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);
  `;
  return spawn(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
}

