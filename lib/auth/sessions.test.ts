import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openStorage } from '@/lib/storage/open';
import { useTempDirs } from '@/lib/storage/test-support';
import type { Storage } from '@/lib/storage/types';
import { Accounts } from './accounts';
import { DisplayKeyService } from './display-keys';
import { SessionService, shortUserAgent } from './sessions';

// Sessions against a real SQLite file, with clocks of the test's own.

const tempDir = useTempDirs();
const SECRET = 's'.repeat(40);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const client = { address: '192.0.2.5', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36' };

const opened: Storage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

async function setup(options: { storage?: Storage; env?: Record<string, string> } = {}) {
  const clock = { now: Date.UTC(2026, 11, 1, 9, 0, 0), mono: 0 };
  const config = parseConfig({ WAMM_TOKEN: 't', MANAGER_PASSWORD: 'manager-pass-1', VIEWER_PASSWORD: 'viewer-pass-1', ...options.env });
  const storage = options.storage ?? (await openStorage({ databaseUrl: null, sqliteFile: path.join(tempDir(), 'chatload.db'), log: quiet }));
  opened.push(storage);
  const now = () => clock.now;
  const monotonic = () => clock.mono;
  const accounts = new Accounts(config.auth, { secret: SECRET, now, log: quiet });
  const displayKeys = new DisplayKeyService({ repository: storage.displayKeys, now, monotonic, log: quiet });
  const sessions = new SessionService({
    repository: storage.sessions,
    accounts,
    displayKeys,
    secret: SECRET,
    idleMs: config.auth.sessionIdleMs,
    maxMs: config.auth.sessionMaxMs,
    now,
    monotonic,
    log: quiet,
  });
  const advance = (ms: number) => {
    clock.now += ms;
    clock.mono += ms;
  };
  return { clock, advance, storage, accounts, displayKeys, sessions };
}

async function signedIn(world: Awaited<ReturnType<typeof setup>>, password = 'viewer-pass-1') {
  const person = await world.accounts.signIn(null, password);
  return world.sessions.startPerson(person!, client);
}

describe('a session kept on the server', () => {
  it('ends after the idle period, counted from the last request', async () => {
    const world = await setup();
    const { cookie } = await signedIn(world);
    world.advance(11 * HOUR);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('ok');
    world.advance(11 * HOUR);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('ok');
    world.advance(12 * HOUR + 61_000);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('none');
  });

  it('ends at its absolute lifetime however busy it is', async () => {
    const world = await setup();
    const { cookie, maxAgeSeconds } = await signedIn(world);
    expect(maxAgeSeconds).toBe(30 * 24 * 3600);
    for (let day = 0; day < 29; day++) {
      world.advance(DAY);
      expect((await world.sessions.resolve(cookie, client)).kind, `day ${day + 1}`).toBe('ok');
    }
    world.advance(DAY);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('none');
  });

  it('writes its last-seen time at most once a minute', async () => {
    const world = await setup();
    const { cookie, record } = await signedIn(world);
    world.advance(30_000);
    await world.sessions.resolve(cookie, client);
    world.advance(6_000);
    await world.sessions.resolve(cookie, client);
    expect((await world.storage.sessions.get(record.id))!.seenAtMs).toBe(record.createdAtMs);
    world.advance(30_000);
    await world.sessions.resolve(cookie, client);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await world.storage.sessions.get(record.id))!.seenAtMs).toBe(world.clock.now);
  });

  it('ends at once here when signed out, and within seconds for another process sharing the database', async () => {
    const world = await setup();
    const other = await setup({ storage: world.storage });
    const { cookie, record } = await signedIn(world);
    expect((await other.sessions.resolve(cookie, client)).kind).toBe('ok');
    expect(await world.sessions.end(record.id)).toBe(true);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('none');
    other.advance(5_001);
    expect((await other.sessions.resolve(cookie, client)).kind).toBe('none');
  });

  it('keeps people signed in through a database outage, by the signed cookie, but not an account that changed', async () => {
    const world = await setup();
    const { cookie } = await signedIn(world);
    const manager = await signedIn(world, 'manager-pass-1');
    const unreachable = await openStorage({ databaseUrl: 'postgres://chatload:pw@127.0.0.1:1/chatload', sqliteFile: '', log: quiet });
    const outage = await setup({ storage: unreachable, env: { MANAGER_PASSWORD: 'changed-manager-pass' } });
    expect((await outage.sessions.resolve(cookie, client)).kind).toBe('ok');
    expect((await outage.sessions.resolve(manager.cookie, client)).kind).toBe('none');
    expect((await outage.sessions.resolve('2.garbage.mac', client)).kind).toBe('none');
  });

  it('names the browser in a few words, not its whole user agent', () => {
    expect(shortUserAgent(client.userAgent)).toBe('Chrome · Linux');
    expect(shortUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari · iOS');
    expect(shortUserAgent(null)).toBeNull();
  });
});

describe('a display session', () => {
  it('never idles out, and ends when its key is revoked', async () => {
    const world = await setup();
    const { record: key } = await world.displayKeys.create({ label: 'Hall', ipAllowlist: [], createdBy: 'manager' });
    const { cookie } = await world.sessions.startDisplay(key, client);
    world.advance(400 * DAY);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('ok');
    await world.displayKeys.revoke(key.id);
    expect((await world.sessions.resolve(cookie, client)).kind).toBe('display_revoked');
  });
});
