import { describe, expect, it } from 'vitest';
import { ODD_CHAT_NAMES } from './names';
import { AGE_BUCKET_LIMITS_MS, ALL_CHATS_CAP, CHANNELS, World, ageBucketOf, type DatasetName, type DatasetOptions } from './world';

const NOW = Date.UTC(2026, 10, 28, 12);
const TICK_MS = 5000;

function world(name: DatasetName = 'demo', seed = 42, options?: DatasetOptions): World {
  const result = new World(seed, NOW);
  result.load(name, NOW, options);
  return result;
}

function bucketCounts(w: World, nowMs: number): number[] {
  const counts = AGE_BUCKET_LIMITS_MS.map(() => 0);
  for (const chat of w.chats) counts[ageBucketOf(nowMs - chat.lastMessageMs)]!++;
  return counts;
}

/** Runs the world for `hours` of 5-second ticks; returns the time reached. */
function run(w: World, hours: number, from = NOW): number {
  let now = from;
  for (let i = 0; i < (hours * 3_600_000) / TICK_MS; i++) {
    now += TICK_MS;
    w.tick(now);
  }
  return now;
}

describe('the demo team', () => {
  it('is the same for the same seed and different for another', () => {
    expect(world('demo', 7).chats).toEqual(world('demo', 7).chats);
    expect(world('demo', 7).users).toEqual(world('demo', 7).users);
    expect(world('demo', 8).chats).not.toEqual(world('demo', 7).chats);
  });

  it('has a few hundred chats in every age bucket, a few without an operator', () => {
    for (const seed of [1, 42, 1234]) {
      const w = world('demo', seed);
      expect(w.chats.length).toBeGreaterThanOrEqual(250);
      expect(w.chats.length).toBeLessThanOrEqual(400);
      for (const count of bucketCounts(w, NOW)) expect(count).toBeGreaterThan(0);
      const unassigned = w.chats.filter((chat) => chat.userId === 0).length / w.chats.length;
      expect(unassigned).toBeGreaterThan(0.03);
      expect(unassigned).toBeLessThan(0.12);
    }
  });

  it('spreads chats unevenly: busy and idle operators, a deleted one still holding chats', () => {
    const w = world();
    const perUser = new Map<number, number>();
    for (const chat of w.chats) perUser.set(chat.userId, (perUser.get(chat.userId) ?? 0) + 1);
    const working = w.users.filter((user) => !user.deleted && !user.locked);
    const loads = working.map((user) => perUser.get(user.userId) ?? 0);
    expect(loads.filter((load) => load === 0).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...loads)).toBeGreaterThanOrEqual(25);
    expect(w.users.some((user) => user.deleted && (perUser.get(user.userId) ?? 0) >= 2)).toBe(true);
    expect(w.users.filter((user) => user.admin)).toHaveLength(1);
    expect(w.users.filter((user) => user.locked).length).toBeGreaterThanOrEqual(2);
  });

  it('names chats awkwardly on purpose, and every awkward name is there', () => {
    const names = new Set(world().chats.map((chat) => chat.name));
    for (const name of ODD_CHAT_NAMES) expect(names).toContain(name);
    expect([...names].some((name) => name.startsWith('='))).toBe(true);
  });

  it('gives each chat a phone fitting its channel, unique so contact_to_user finds one chat', () => {
    const w = world('over900');
    run(w, 1);
    const types = new Map(CHANNELS.map((channel) => [channel.apiId, channel.type]));
    for (const chat of w.chats) {
      const type = types.get(chat.apiId);
      // WhatsApp: a phone, or a group's id.
      if (type === 'whatsapp') expect(chat.phone).toMatch(/^(79\d{9}|1203630\d{11}@g\.us)$/);
      if (type === 'tg') expect(chat.phone).toMatch(/^@[a-z0-9_.]+$/);
      if (type === 'tg_bot') expect(chat.phone).toMatch(/^\d{10}$/);
    }
    expect(new Set(w.chats.map((chat) => chat.phone)).size).toBe(w.chats.length);
    expect(w.chats.some((chat) => chat.phone.endsWith('@g.us'))).toBe(true);
  });

  it('refuses to give a group a responsible operator, as wamm.chat does', () => {
    const w = world('demo');
    const group = w.chats.find((chat) => chat.phone.endsWith('@g.us'))!;
    const operator = w.users.find((user) => !user.locked && !user.deleted)!;
    expect(w.reassign(group.phone, operator.userId)).toBe('phone fail');
    expect(w.chats.find((chat) => chat.chatId === group.chatId)!.userId).toBe(group.userId);
  });
});

describe('a live world', () => {
  it('takes in, answers, closes and moves chats with every tick', () => {
    const w = world();
    const before = new Map(w.chats.map((chat) => [chat.chatId, { ...chat }]));
    const now = run(w, 0.05);
    const after = new Map(w.chats.map((chat) => [chat.chatId, chat]));
    expect([...after.keys()].some((id) => !before.has(id))).toBe(true);
    expect([...before.keys()].some((id) => !after.has(id))).toBe(true);
    const kept = [...after.values()].filter((chat) => before.has(chat.chatId));
    expect(kept.some((chat) => chat.lastMessageMs > before.get(chat.chatId)!.lastMessageMs)).toBe(true);
    expect(kept.some((chat) => chat.userId !== before.get(chat.chatId)!.userId)).toBe(true);
    expect(Math.max(...w.chats.map((chat) => chat.lastMessageMs))).toBeGreaterThan(now - 60_000);
  });

  it('keeps its size and its mix of ages through three days, not drifting to all-fresh', () => {
    const w = world();
    let now = NOW;
    for (let day = 0; day < 3; day++) {
      now = run(w, 24, now);
      expect(w.chats.length).toBeGreaterThan(250);
      expect(w.chats.length).toBeLessThan(350);
      const counts = bucketCounts(w, now);
      // Each bucket within reach of its share of a steady day (24, 16, 20, 20, 12, 8 %).
      for (const count of counts) expect(count).toBeGreaterThanOrEqual(15);
    }
  });

  it('leaves a deleted operator’s chats alone', () => {
    const w = world();
    const gone = w.users.find((user) => user.deleted && w.chats.some((chat) => chat.userId === user.userId))!;
    const held = w.chats.filter((chat) => chat.userId === gone.userId).map((chat) => ({ ...chat }));
    run(w, 6);
    expect(w.chats.filter((chat) => chat.userId === gone.userId)).toEqual(held);
  });

  it('gives new chats only to operators who can work', () => {
    const w = world();
    const unable = new Set(w.users.filter((user) => user.locked || user.deleted || user.load === 0).map((user) => user.userId));
    const firstNew = Math.max(...w.chats.map((chat) => chat.chatId)) + 1;
    run(w, 2);
    const fresh = w.chats.filter((chat) => chat.chatId >= firstNew);
    expect(fresh.length).toBeGreaterThan(50);
    expect(fresh.filter((chat) => unable.has(chat.userId))).toEqual([]);
  });
});

describe('other data sets', () => {
  it('empty: operators and channels, no chats, and nothing arrives', () => {
    const w = world('empty');
    expect(w.users.length).toBeGreaterThanOrEqual(20);
    run(w, 0.1);
    expect(w.chats).toEqual([]);
  });

  it('over900: about 1200 chats with the unassigned ones first, and they stay inside the cap', () => {
    const w = world('over900', 42, { unassigned: 15 });
    expect(w.chats.length).toBe(1200);
    expect(w.chats.slice(0, 15).every((chat) => chat.userId === 0)).toBe(true);
    expect(w.chats.filter((chat) => chat.userId === 0)).toHaveLength(15);
    run(w, 1);
    expect(w.chats.length).toBeGreaterThan(ALL_CHATS_CAP);
    expect(w.chats.slice(0, ALL_CHATS_CAP).filter((chat) => chat.userId === 0)).toHaveLength(15);
    expect(w.chats.filter((chat) => chat.userId === 0)).toHaveLength(15);
  });

  it('over900 without a count has every chat assigned', () => {
    expect(world('over900').chats.filter((chat) => chat.userId === 0)).toEqual([]);
  });

  it('a reload gives the same chats as a fresh start', () => {
    const w = world();
    run(w, 0.2);
    w.load('demo', NOW);
    expect(w.chats).toEqual(world().chats);
  });
});

describe('reassign', () => {
  it('moves a chat to an active operator, or to nobody', () => {
    const w = world();
    const chat = w.chats.find((candidate) => candidate.userId !== 0)!;
    const target = w.users.find((user) => !user.locked && !user.deleted && user.userId !== chat.userId)!;
    expect(w.reassign(chat.phone, target.userId)).toBe('ok');
    expect(chat.userId).toBe(target.userId);
    expect(w.reassign(chat.phone, 0)).toBe('ok');
    expect(chat.userId).toBe(0);
  });

  it('refuses an unknown chat, an unknown user and one who cannot work', () => {
    const w = world();
    const phone = w.chats[0]!.phone;
    expect(w.reassign('70000000000', w.users[0]!.userId)).toBe('not found');
    expect(w.reassign(phone, 999_999)).toBe('user not found');
    expect(w.reassign(phone, w.users.find((user) => user.locked)!.userId)).toBe('user not active');
    expect(w.reassign(phone, w.users.find((user) => user.deleted)!.userId)).toBe('user not active');
  });
});
