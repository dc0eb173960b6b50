import { describe, expect, it } from 'vitest';
import { formatWallClock } from './wall-clock';
import { ENCODED_TOKEN, NOW, TEST_TOKEN, api, get, rows, useSimulator } from './test-client';

// api2 over real HTTP, as the app's client meets it.

const sims = useSimulator();

describe('the token', () => {
  it('is accepted URL-encoded, "/", "+" and "=" included', async () => {
    const sim = await sims.start();
    expect(ENCODED_TOKEN).toBe('e2e%2Bsecret%3DToken%2F9');
    expect((await rows(sim, 'user_chats/0/0')).err).toBe(0);
    expect((await rows(sim, 'user_list')).err).toBe(0);
  });

  it('is refused with "token fail" and HTTP 200 when wrong, missing or cut at its "/"', async () => {
    const sim = await sims.start();
    for (const path of ['user_chats/wrong/0/0', 'user_list', `user_list/${TEST_TOKEN}`, 'user_list/e2e%2Bsecret%3DToken', 'user_list/%E0%A4%A']) {
      expect(await get(`${sim.url}/${path}`)).toMatchObject({ status: 200, body: { err: 'token fail' } });
    }
  });
});

describe('user_chats', () => {
  it('answers JSON in wamm.chat shapes, ids mixed between numbers and strings', async () => {
    const sim = await sims.start();
    const reply = await api(sim, 'user_chats/0/0');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/json; charset=utf-8');
    const { data = [] } = reply.body as { data?: Array<Record<string, unknown>> };
    expect(Object.keys(data[0] ?? {}).sort()).toEqual(['api_id', 'avatar', 'chat_id', 'chat_name', 'date_msg', 'phone', 'user_id']);
    expect(data.some((chat) => typeof chat.chat_id === 'number')).toBe(true);
    expect(data.some((chat) => typeof chat.chat_id === 'string')).toBe(true);
    const unassigned = data.filter((chat) => chat.user_id === '' || chat.user_id === '0' || chat.user_id === 0).map((chat) => chat.user_id);
    expect(new Set(unassigned)).toEqual(new Set(['', '0', 0]));
    for (const chat of data) expect(chat.date_msg).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('caps the all-chats answer at 900 and answers each operator in full', async () => {
    const sim = await sims.start({ dataset: 'over900' });
    const { chats, users } = sim.control.snapshot();
    expect(chats.length).toBeGreaterThan(1000);
    expect((await rows(sim, 'user_chats/0/0')).data).toHaveLength(900);
    expect((await rows(sim, 'user_chats')).data).toHaveLength(900);
    let perUserTotal = 0;
    for (const user of users) {
      const answer = await rows(sim, `user_chats/${user.user_id}/0`);
      perUserTotal += answer.err === 0 ? answer.data!.length : 0;
    }
    expect(perUserTotal).toBe(chats.length);
    expect(Math.max(...users.map((user) => chats.filter((chat) => String(chat.user_id) === String(user.user_id)).length))).toBeGreaterThan(0);
  });

  it('puts the unassigned chats of over900 inside the 900 it shows, in a stable order', async () => {
    const sim = await sims.start({ dataset: 'over900' });
    sim.control.setDataset('over900', { unassigned: 15 });
    const first = await rows(sim, 'user_chats/0/0');
    const unassigned = first.data!.filter((chat) => chat.user_id === '' || String(chat.user_id) === '0');
    expect(unassigned).toHaveLength(15);
    expect((await rows(sim, 'user_chats/0/0')).data).toEqual(first.data);
  });

  it('answers a locked or deleted operator with their chats, an idle one with "fail get data"', async () => {
    const sim = await sims.start();
    const { users, chats } = sim.control.snapshot();
    const holding = (id: number) => chats.filter((chat) => String(chat.user_id) === String(id)).length;
    const deleted = users.find((user) => user.deleted === 1 && holding(user.user_id) > 0)!;
    expect((await rows(sim, `user_chats/${deleted.user_id}/0`)).data).toHaveLength(holding(deleted.user_id));
    const idle = users.find((user) => user.deleted === 0 && holding(user.user_id) === 0)!;
    expect((await api(sim, `user_chats/${idle.user_id}/0`)).body).toEqual({ err: 'fail get data' });
  });

  it('answers an unknown or malformed user_id with "user_id fail"', async () => {
    const sim = await sims.start();
    for (const userId of ['999999', 'abc', '-5', '12.5']) {
      expect((await api(sim, `user_chats/${userId}/0`)).body).toEqual({ err: 'user_id fail' });
    }
  });

  it('answers "fail get data" when there are no open chats at all', async () => {
    const sim = await sims.start({ dataset: 'empty' });
    expect((await api(sim, 'user_chats/0/0')).body).toEqual({ err: 'fail get data' });
    expect(((await rows(sim, 'user_list')).data ?? []).length).toBeGreaterThanOrEqual(20);
  });

  it('limits to the token’s own channel with filter_by_channel=1', async () => {
    const sim = await sims.start();
    const { channels, chats } = sim.control.snapshot();
    const own = String(channels[0]!.api_id);
    const filtered = (await rows(sim, 'user_chats/0/1')).data!;
    expect(filtered).toHaveLength(chats.filter((chat) => String(chat.api_id) === own).length);
    expect(filtered.every((chat) => String(chat.api_id) === own)).toBe(true);
    expect(filtered.length).toBeLessThan(chats.length);
  });

  it('writes date_msg as the wall clock of its time zone', async () => {
    const moscow = await sims.start({ timezone: 'Europe/Moscow' });
    const tokyo = await sims.start({ timezone: 'Asia/Tokyo' });
    const inMoscow = (await rows(moscow, 'user_chats/0/0')).data!;
    const inTokyo = (await rows(tokyo, 'user_chats/0/0')).data!;
    expect(inTokyo).toHaveLength(inMoscow.length);
    const asUtc = (text: unknown) => Date.parse(String(text).replace(' ', 'T') + 'Z');
    // Same world, same instants: Tokyo's clocks are always six hours ahead of Moscow's.
    inMoscow.forEach((chat, index) => expect(asUtc(inTokyo[index]!.date_msg) - asUtc(chat.date_msg)).toBe(6 * 3_600_000));
    // And Moscow's are three hours ahead of UTC: no chat's last message is in the future.
    const newest = Math.max(...inMoscow.map((chat) => asUtc(chat.date_msg) - 3 * 3_600_000));
    expect(newest).toBeLessThanOrEqual(NOW);
    expect(newest).toBeGreaterThan(NOW - 5 * 60_000);
    expect(formatWallClock(NOW, 'Europe/Moscow')).toBe('2026-11-28 15:00:00');
  });

  it('is the same world for the same seed', async () => {
    const first = await sims.start({ seed: 7 });
    const second = await sims.start({ seed: 7 });
    const other = await sims.start({ seed: 8 });
    expect(await rows(second, 'user_chats/0/0')).toEqual(await rows(first, 'user_chats/0/0'));
    expect(second.control.snapshot()).toEqual(first.control.snapshot());
    expect(other.control.snapshot().chats).not.toEqual(first.control.snapshot().chats);
  });

  it('moves on by itself when live', async () => {
    const sim = await sims.start({ live: true, tickMs: 20, now: Date.now });
    const ids = () => new Set(sim.control.snapshot().chats.map((chat) => String(chat.chat_id)));
    const before = ids();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...ids()].some((id) => !before.has(id))).toBe(true);
    sim.control.setLive(false);
    const frozen = sim.control.snapshot();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.control.snapshot()).toEqual(frozen);
  });
});

describe('user_list and channel_list', () => {
  it('lists operators with numeric ids: an admin, locked and deleted ones, awkward names', async () => {
    const sim = await sims.start();
    const users = (await rows(sim, 'user_list')).data!;
    expect(users.length).toBeGreaterThanOrEqual(20);
    expect(users.every((user) => typeof user.user_id === 'number')).toBe(true);
    expect(users.filter((user) => user.acc === 'admin')).toHaveLength(1);
    expect(users.some((user) => user.lock === 1)).toBe(true);
    expect(users.some((user) => user.deleted === 1)).toBe(true);
    expect(users.some((user) => String(user.name).includes('"') && String(user.name).includes(','))).toBe(true);
    expect(users.some((user) => /\p{Extended_Pictographic}/u.test(String(user.name)))).toBe(true);
  });

  it('filters channels as wamm.chat does, a not-authorized one only where it belongs', async () => {
    const sim = await sims.start();
    const list = async (filter: string) => (await rows(sim, `channel_list/${filter}`)).data?.map((channel) => channel.state) ?? [];
    expect(await list('active')).toEqual(['authorized', 'authorized', 'notAuthorized']);
    expect(await list('statusOn')).toEqual(['authorized', 'authorized']);
    expect(await list('statusOff')).toEqual(['notAuthorized']);
    expect(await list('one')).toHaveLength(1);
    expect((await api(sim, 'channel_list/archive')).body).toEqual({ err: 'fail get data' });
    const channels = (await rows(sim, 'channel_list/active')).data!;
    expect(channels.every((channel) => typeof channel.api_id === 'number')).toBe(true);
    expect(channels.map((channel) => channel.api_tip)).toEqual(['whatsapp', 'tg', 'tg_bot']);
  });
});

describe('contact_to_user', () => {
  it('moves a chat to another operator, refusing what wamm.chat refuses', async () => {
    const sim = await sims.start();
    const { chats, users } = sim.control.snapshot();
    const chat = chats.find((candidate) => candidate.phone.startsWith('79') && String(candidate.user_id) !== '0' && candidate.user_id !== '')!;
    const target = users.find((user) => !user.lock && !user.deleted && String(user.user_id) !== String(chat.user_id))!;
    expect((await api(sim, `contact_to_user/${chat.phone}/${target.user_id}`)).body).toEqual({ err: 0, result: 'success' });
    const moved = sim.control.snapshot().chats.find((candidate) => candidate.chat_id === chat.chat_id)!;
    expect(String(moved.user_id)).toBe(String(target.user_id));
    const locked = users.find((user) => user.lock === 1)!;
    expect((await api(sim, `contact_to_user/${chat.phone}/${locked.user_id}`)).body).toEqual({ err: 'user not active' });
    expect((await api(sim, `contact_to_user/${chat.phone}/999999`)).body).toEqual({ err: 'user not found' });
    expect((await api(sim, `contact_to_user/70000000000/${target.user_id}`)).body).toEqual({ err: 'not found' });
    expect((await api(sim, `contact_to_user/${chat.phone}/none`)).body).toEqual({ err: 0, result: 'success' });
    expect(sim.control.stats().contact_to_user).toBe(5);
  });
});

describe('everything else', () => {
  it('answers an unknown method with "method fail" and other paths with 404', async () => {
    const sim = await sims.start();
    expect((await api(sim, 'user_delete')).body).toEqual({ err: 'method fail' });
    expect((await api(sim, 'toString')).body).toEqual({ err: 'method fail' });
    expect((await get(`${sim.url.replace(/\/api2$/, '')}/elsewhere`)).status).toBe(404);
    expect(sim.control.stats()).toEqual({
      user_chats: 0,
      user_chats_all: 0,
      user_chats_per_user: 0,
      user_list: 0,
      channel_list: 0,
      contact_to_user: 0,
    });
  });

  it('refuses to start in a time zone that does not exist', async () => {
    await expect(sims.start({ timezone: 'Europe/Atlantis' })).rejects.toThrow(/unknown time zone/);
  });
});
