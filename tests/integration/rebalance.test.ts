import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditResponse } from '@/lib/auth/responses';
import { applyResponseSchema, moveResultSchema, movesResponseSchema, planResponseSchema, rebalanceStatusResponseSchema } from '@/lib/api/response-schemas';
import { startApp, type App } from './harness';

// Reassignment through the real routes and the simulator's contact_to_user, write faults included:
// every move checked against fresh data, sent once, logged, and never a phone or a name in the logs.

const MANAGER_PASSWORD = 'manager-secret-1';
const VIEWER_PASSWORD = 'viewer-secret-1';
const HOST = { host: 'chatload.test' };

interface WireChat {
  chat_id: string | number;
  chat_name: string;
  phone: string;
  user_id: string | number;
  api_id: string | number;
}
interface WireUser {
  user_id: number;
  lock: number;
  deleted: number;
  name: string;
}

describe('rebalancing through wamm.chat', () => {
  let app: App;
  let manager = '';
  let viewer = '';
  const post = (cookie: string, path: string, body: unknown) => app.request('POST', path, body, { ...HOST, cookie });
  const get = (path: string) => app.request('GET', path, undefined, { ...HOST, cookie: manager });
  const world = () => app.sim.control.snapshot() as unknown as { chats: WireChat[]; users: WireUser[] };
  const ownerOf = (chatId: string) => {
    const chat = world().chats.find((entry) => String(entry.chat_id) === chatId);
    if (!chat) return undefined;
    return chat.user_id === '' || chat.user_id === 0 || chat.user_id === '0' ? null : String(chat.user_id);
  };
  const writes = () => app.sim.control.stats().contact_to_user;
  /** A personal chat and an active operator who does not hold it. */
  const pick = () => {
    const active = world().users.filter((user) => !user.lock && !user.deleted);
    const chat = world().chats.find((entry) => !entry.phone.endsWith('@g.us') && entry.user_id !== '' && entry.user_id !== 0 && entry.user_id !== '0')!;
    const to = active.find((user) => String(user.user_id) !== String(chat.user_id))!;
    return { chatId: String(chat.chat_id), from: String(chat.user_id), to: String(to.user_id), phone: chat.phone, name: chat.chat_name };
  };

  beforeAll(async () => {
    app = await startApp({ env: { AUTH_DISABLED: '0', MANAGER_PASSWORD, VIEWER_PASSWORD, WAMM_TIMEOUT_MS: '1000' } });
    const cookieOf = async (password: string) => ((await app.request('POST', '/api/session', { password }, HOST)).headers.get('set-cookie') ?? '').split(';')[0]!;
    manager = await cookieOf(MANAGER_PASSWORD);
    viewer = await cookieOf(VIEWER_PASSWORD);
  });
  afterAll(() => app.close());
  beforeEach(() => app.sim.control.clearFault());

  it('moves a chat, logs it and audits it without a phone or a name; the same move again moves nothing', async () => {
    const { chatId, from, to, phone, name } = pick();
    const before = writes();
    const applied = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId, toUserId: to, fromUserId: from }] })).body);
    expect(applied.results).toEqual([{ chatId, toUserId: to, status: 'moved', message: `Moved: operator ${to} is responsible for the chat now.`, outcome: 'moved', moveId: expect.any(String) }]);
    expect(ownerOf(chatId)).toBe(to);
    expect(writes() - before).toBe(1);

    const again = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId, toUserId: to, fromUserId: from }] })).body);
    expect(again.results[0]).toMatchObject({ status: 'skipped', outcome: 'already_there' });
    expect(writes() - before).toBe(1);

    const log = movesResponseSchema.parse((await get('/api/rebalance/moves')).body).moves;
    expect(log[0]).toMatchObject({ chatId, fromUserId: from, toUserId: to, status: 'moved', trigger: 'manual', actor: 'manager' });
    const audit = ((await get('/api/audit?limit=20')).body as AuditResponse).entries;
    const entry = audit.find((candidate) => candidate.action === 'chat_assigned' && candidate.detail?.includes(chatId));
    expect(entry?.detail).toBe(`chat ${chatId}: ${from} → ${to}: moved`);
    for (const text of [JSON.stringify(log), JSON.stringify(audit)]) {
      expect(text).not.toContain(phone);
      if (name.length > 3) expect(text).not.toContain(name);
    }
  });

  it('after a timeout that came once the move had happened, reads the chat again and says moved: exactly one call', async () => {
    const { chatId, from, to } = pick();
    app.sim.control.setFault({ kind: 'hang_after_apply', methods: ['contact_to_user'], times: 1 });
    const before = writes();
    const result = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId, toUserId: to, fromUserId: from }] })).body);
    expect(result.results[0]).toMatchObject({ status: 'moved', outcome: 'moved' });
    expect(result.results[0]!.message).toMatch(/answer was lost.*shows it moved/);
    expect(writes() - before).toBe(1);
    expect(ownerOf(chatId)).toBe(to);
  });

  it('after an HTTP 500 with the move done: moved; with nothing done: unknown, and never sent twice', async () => {
    const first = pick();
    app.sim.control.setFault({ kind: 'http_500_after_apply', methods: ['contact_to_user'], times: 1 });
    let before = writes();
    const done = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId: first.chatId, toUserId: first.to }] })).body);
    expect(done.results[0]).toMatchObject({ status: 'moved' });
    expect(writes() - before).toBe(1);

    const second = pick();
    app.sim.control.setFault({ kind: 'http_500', methods: ['contact_to_user'], times: 1 });
    before = writes();
    const lost = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId: second.chatId, toUserId: second.to }] })).body);
    expect(lost.results[0]).toMatchObject({ status: 'unknown', outcome: 'unknown' });
    expect(lost.results[0]!.message).toMatch(/not sent again/);
    expect(writes() - before).toBe(1);
    expect(ownerOf(second.chatId)).toBe(second.from);
  });

  it('skips a chat moved by someone else since the plan, and a group chat, saying why', async () => {
    const { chatId, to } = pick();
    const elsewhere = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId, toUserId: to, fromUserId: '99999' }] })).body);
    expect(elsewhere.results[0]).toMatchObject({ status: 'skipped', outcome: 'moved_elsewhere', message: 'Skipped: someone moved the chat since the plan.' });

    const group = world().chats.find((chat) => chat.phone.endsWith('@g.us'))!;
    const before = writes();
    const refused = applyResponseSchema.parse((await post(manager, '/api/rebalance/apply', { moves: [{ chatId: String(group.chat_id), toUserId: to }] })).body);
    expect(refused.results[0]).toMatchObject({ status: 'skipped', outcome: 'group_chat' });
    expect(writes()).toBe(before);
  });

  it('gives one chat to nobody from the drill-down, and undoes it', async () => {
    const { chatId, from } = pick();
    const unassigned = moveResultSchema.parse((await post(manager, `/api/chats/${chatId}/assign`, { toUserId: null })).body);
    expect(unassigned).toMatchObject({ chatId, toUserId: '0', status: 'moved' });
    expect(ownerOf(chatId)).toBeNull();
    const undone = moveResultSchema.parse((await post(manager, `/api/rebalance/moves/${unassigned.moveId}/undo`, {})).body);
    expect(undone).toMatchObject({ status: 'moved', toUserId: from });
    expect(ownerOf(chatId)).toBe(from);
    const twice = moveResultSchema.parse((await post(manager, `/api/rebalance/moves/${unassigned.moveId}/undo`, {})).body);
    expect(twice).toMatchObject({ status: 'skipped', outcome: 'undone_already' });
  });

  it('plans against the settings: unassigned chats of a team go to its available operators, with reasons', async () => {
    const { users, chats } = world();
    const channel = String(chats.find((chat) => chat.user_id === '' || chat.user_id === 0 || chat.user_id === '0')!.api_id);
    const members = users.filter((user) => !user.lock && !user.deleted).map((user) => String(user.user_id));
    await app.request('PUT', '/api/settings', { version: 1, teams: [{ id: 'support', name: 'Support', operatorIds: members, channelIds: [channel] }], capacity: { default: 100 } }, { ...HOST, cookie: manager });
    const plan = planResponseSchema.parse((await post(manager, '/api/rebalance/plan', { team: 'support' })).body);
    expect(Date.parse(plan.basedOn)).toBeGreaterThan(Date.now() - 60_000);
    const unassigned = plan.moves.filter((move) => move.reason === 'unassigned');
    expect(unassigned.length).toBeGreaterThan(0);
    for (const move of unassigned) {
      expect(move.fromUserId).toBe('0');
      expect(members).toContain(move.toUserId);
    }
    for (const entry of plan.notPlaced) expect(typeof entry.reason).toBe('string');
    expect((await post(viewer, '/api/rebalance/plan', {})).status).toBe(403);
    expect((await post(viewer, '/api/rebalance/apply', { moves: [{ chatId: '1', toUserId: null }] })).status).toBe(403);
    expect((await post(manager, '/api/rebalance/plan', { team: 'nobody' })).status).toBe(400);
  });

  it('in auto mode moves no more than maxMovesPerRun, logs each as automatic, and stops at the kill switch', async () => {
    const current = (await get('/api/settings')).body as Record<string, unknown> & { balancing: Record<string, unknown> };
    await app.request('PUT', '/api/settings', { ...current, balancing: { ...current.balancing, mode: 'auto', maxMovesPerRun: 2 } }, { ...HOST, cookie: manager });
    const before = writes();
    const run = await app.runtime.rebalance.runAutomatically();
    expect(run?.mode).toBe('auto');
    expect(run!.results.length).toBeLessThanOrEqual(2);
    expect(writes() - before).toBeLessThanOrEqual(2);
    const status = rebalanceStatusResponseSchema.parse((await get('/api/rebalance/status')).body);
    expect(status).toMatchObject({ mode: 'auto', lastRun: { mode: 'auto' } });
    const log = movesResponseSchema.parse((await get('/api/rebalance/moves?limit=5')).body).moves.filter((move) => move.trigger === 'auto');
    expect(log.length).toBe(run!.results.filter((entry) => entry.moveId !== null).length);
    for (const move of log) expect(move.actor).toBeNull();

    expect((await post(manager, '/api/rebalance/stop', {})).status).toBe(200);
    expect(await app.runtime.rebalance.runAutomatically()).toBeNull();
  });
});
