import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, loadResponseSchema, teamAnalyticsResponseSchema } from '@/lib/api/response-schemas';
import type { AuditResponse } from '@/lib/auth/responses';
import type { LoadResponse } from '@/lib/load/types';
import { startApp, type App } from './harness';

// The settings document over the real routes, and the team numbers it gives /api/load, counted by
// hand from the simulator's own data.

const MANAGER_PASSWORD = 'manager-secret-1';
const VIEWER_PASSWORD = 'viewer-secret-1';
const HOST = { host: 'chatload.test' };

interface WireChat {
  user_id: string | number;
  api_id: string | number;
  date_msg: string;
}

describe('the settings document', () => {
  let app: App;
  let manager = '';
  let viewer = '';
  const as = (cookie: string, method: 'GET' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(method, path, body, { ...HOST, cookie, ...headers });

  beforeAll(async () => {
    app = await startApp({ env: { AUTH_DISABLED: '0', MANAGER_PASSWORD, VIEWER_PASSWORD } });
    const cookieOf = async (password: string) => ((await app.request('POST', '/api/session', { password }, HOST)).headers.get('set-cookie') ?? '').split(';')[0]!;
    manager = await cookieOf(MANAGER_PASSWORD);
    viewer = await cookieOf(VIEWER_PASSWORD);
  });
  afterAll(() => app.close());

  /** Two teams from the simulator's operators and channels: support takes the first channel. */
  function teamsFromTheSimulator() {
    const { users, channels } = app.sim.control.snapshot();
    const active = users.filter((user) => !user.deleted).map((user) => String(user.user_id));
    return {
      support: { id: 'support', name: 'Поддержка', operatorIds: active.slice(0, 6), channelIds: [String(channels[0]!.api_id)] },
      sales: { id: 'sales', name: 'Продажи', operatorIds: [...active.slice(5, 12)], channelIds: [String(channels[1]!.api_id)] },
    };
  }

  it('goes round: what is put is what is read, with defaults for what it leaves out, and a new revision', async () => {
    const { support, sales } = teamsFromTheSimulator();
    const document = { version: 1, teams: [support, sales], capacity: { default: 10, operators: { [support.operatorIds[0]!]: 15, [support.operatorIds[1]!]: null } } };
    const put = await as(manager, 'PUT', '/api/settings', document);
    expect(put.status).toBe(200);
    const revision = put.headers.get('etag');
    expect(revision).toMatch(/^"\d+"$/);
    const read = await as(manager, 'GET', '/api/settings');
    expect(read.headers.get('etag')).toBe(revision);
    expect(read.body).toMatchObject({ ...document, thresholds: { warningMinutes: 5, criticalMinutes: 15 }, balancing: { mode: 'off' } });
  });

  it('refuses a document that fails whole, naming the field, and changes nothing', async () => {
    const before = await as(manager, 'GET', '/api/settings');
    const { support } = teamsFromTheSimulator();
    const cases: Array<[unknown, RegExp]> = [
      [{ version: 1, capacity: { default: -3 } }, /^capacity\.default must be 0 or more/],
      [{ version: 1, teams: [support, { ...support, name: 'Again' }] }, /^teams\[1\]\.id "support" is already the id of teams\[0\]/],
      [{ version: 1, thresholds: { warningMinutes: 20, criticalMinutes: 10 } }, /^thresholds\.warningMinutes must be less than criticalMinutes/],
      [{ version: 2 }, /^version must be 1/],
      [{ version: 1, colour: 'red' }, /^the settings may hold only/],
    ];
    for (const [document, message] of cases) {
      const refused = await as(manager, 'PUT', '/api/settings', document);
      expect(refused.status, JSON.stringify(document)).toBe(400);
      expect(errorResponseSchema.parse(refused.body).error.message).toMatch(message);
    }
    const after = await as(manager, 'GET', '/api/settings');
    expect(after.body).toEqual(before.body);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('refuses a save made on an old revision, so two managers cannot overwrite each other', async () => {
    const current = await as(manager, 'GET', '/api/settings');
    const stale = `"${Number(JSON.parse(current.headers.get('etag')!)) - 1}"`;
    const refused = await as(manager, 'PUT', '/api/settings', current.body, { 'if-match': stale });
    expect(refused.status).toBe(409);
    expect(errorResponseSchema.parse(refused.body).error.code).toBe('conflict');
    expect((await as(manager, 'PUT', '/api/settings', current.body, { 'if-match': current.headers.get('etag')! })).status).toBe(200);
  });

  it('writes every change to the audit log with a summary, and lets no viewer change anything', async () => {
    const audit = (await app.request('GET', '/api/audit?limit=50', undefined, { ...HOST, cookie: manager })).body as AuditResponse;
    const change = audit.entries.find((entry) => entry.action === 'settings_changed');
    expect(change).toMatchObject({ actor: 'manager' });
    expect(change!.detail).toMatch(/teams|capacity|no change/);
    expect((await as(viewer, 'GET', '/api/settings')).status).toBe(403);
    expect((await as(viewer, 'PUT', '/api/settings', { version: 1 })).status).toBe(403);
  });

  it("gives ?team= the team's numbers: its operators' chats and the unassigned chats on its channels, as counted by hand", async () => {
    const { support, sales } = teamsFromTheSimulator();
    expect((await as(manager, 'PUT', '/api/settings', { version: 1, teams: [support, sales], capacity: { default: 8, operators: {} } })).status).toBe(200);
    const { chats } = app.sim.control.snapshot() as { chats: WireChat[] };
    const owner = (chat: WireChat) => (chat.user_id === '' || chat.user_id === 0 || chat.user_id === '0' ? null : String(chat.user_id));
    for (const team of [support, sales]) {
      const byHand = chats.filter((chat) => {
        const operator = owner(chat);
        return operator !== null ? team.operatorIds.includes(operator) : team.channelIds.includes(String(chat.api_id));
      });
      const response = await as(manager, 'GET', `/api/load?team=${team.id}`);
      const load = loadResponseSchema.parse(response.body) as LoadResponse;
      expect(load.filters.team).toBe(team.id);
      expect(load.totals.openChats, team.id).toBe(byHand.length);
      // The team's operators, idle ones too, and the unassigned row; nobody else.
      expect(load.byUser.map((row) => row.userId).sort()).toEqual([...team.operatorIds, '0'].sort());
      for (const row of load.byUser) {
        const mine = byHand.filter((chat) => (owner(chat) ?? '0') === row.userId).length;
        expect(row.openChats, `${team.id} ${row.userId}`).toBe(mine);
        if (row.userId !== '0') expect(row.capacity).toBe(8);
      }
      const teamRow = load.byTeam.find((entry) => entry.teamId === team.id)!;
      expect(teamRow.openChats).toBe(byHand.length);
    }
  });

  it("reports each team's recorded minute in the analytics: its open chats as the live numbers had them", async () => {
    const { support, sales } = teamsFromTheSimulator();
    expect((await as(manager, 'PUT', '/api/settings', { version: 1, teams: [support, sales], capacity: { default: 2, operators: {} } })).status).toBe(200);
    await app.runtime.jobs.sampleHistory();
    const live = loadResponseSchema.parse((await as(manager, 'GET', '/api/load')).body);
    const response = await as(manager, 'GET', '/api/teams/analytics');
    expect(response.status).toBe(200);
    const analytics = teamAnalyticsResponseSchema.parse(response.body);
    expect(analytics.minutes).toBe(24 * 60);
    expect(analytics.teams.map((team) => team.teamId)).toEqual(['support', 'sales']);
    for (const team of analytics.teams) {
      const now = live.byTeam.find((entry) => entry.teamId === team.teamId)!;
      expect(team.minutesRecorded, team.teamId).toBe(1);
      expect(team.peakOpenChats, team.teamId).toBe(now.openChats);
      // Two chats each: both teams of the simulator have more open chats than that, so the minute was over.
      expect(now.openChats, team.teamId).toBeGreaterThan(now.capacity!);
      expect(team.minutesOverCapacity, team.teamId).toBe(1);
    }
    const csv = await as(manager, 'GET', '/api/teams/analytics?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toContain('Продажи');
  });

  it('refuses an unknown team with a 400 naming team, on every data route', async () => {
    for (const path of ['/api/load', '/api/chats', '/api/waiting', '/api/export?format=csv', '/api/history']) {
      const response = await as(manager, 'GET', `${path}${path.includes('?') ? '&' : '?'}team=nobody`);
      expect(response.status, path).toBe(400);
      expect(errorResponseSchema.parse(response.body).error.message, path).toMatch(/^team "nobody" is not a team of the settings/);
    }
  });
});
