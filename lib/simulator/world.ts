import { createRandom, type Random } from './random';
import { DELETED_WITH_CHATS, FIRST_NAMES, LAST_NAMES, NICKNAMES, ODD_CHAT_NAMES, OPERATORS } from './names';

// The simulated account: operators, channels and open chats with the time of their last message.
// Pure data and rules, no HTTP: the server renders it in wamm.chat's wire shapes.

export type DatasetName = 'demo' | 'empty' | 'over900';

export interface SimUser {
  userId: number;
  name: string;
  email: string;
  admin: boolean;
  locked: boolean;
  deleted: boolean;
  load: number;
  registeredAtMs: number;
  activeAtMs: number;
}

export interface SimChannel {
  apiId: number;
  type: 'whatsapp' | 'tg' | 'tg_bot';
  tag: string;
  phone: string;
  state: 'authorized' | 'notAuthorized';
  /** Share of new chats. */
  weight: number;
}

export interface SimChat {
  chatId: number;
  name: string;
  phone: string;
  avatar: string;
  /** 0 = no responsible operator. */
  userId: number;
  apiId: number;
  lastMessageMs: number;
}

export interface DatasetOptions {
  /** over900: how many of the chats have no operator (placed within the first 900). */
  unassigned?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Last-message ages of the demo team, by bucket: < 5 min … > 24 h.
const AGE_RANGES: ReadonlyArray<[number, number]> = [
  [0, 5 * MINUTE],
  [5 * MINUTE, 15 * MINUTE],
  [15 * MINUTE, HOUR],
  [HOUR, 4 * HOUR],
  [4 * HOUR, DAY],
  [DAY, 5 * DAY],
];
const AGE_WEIGHTS = [24, 16, 20, 20, 12, 8];

export const CHANNELS: readonly SimChannel[] = [
  { apiId: 1401, type: 'whatsapp', tag: 'Продажи WhatsApp', phone: '79001234567', state: 'authorized', weight: 6 },
  { apiId: 1402, type: 'tg', tag: 'Поддержка Telegram', phone: 'support_team', state: 'authorized', weight: 3 },
  { apiId: 1403, type: 'tg_bot', tag: 'Бот «Доставка»', phone: 'delivery_bot', state: 'notAuthorized', weight: 1 },
];

export class World {
  users: SimUser[] = [];
  channels: SimChannel[] = CHANNELS.map((channel) => ({ ...channel }));
  chats: SimChat[] = [];
  private random: Random;
  private nextChatId = 50_001;
  private target = 0;

  constructor(
    private readonly seed: number,
    nowMs: number,
  ) {
    this.random = createRandom(seed);
    this.users = OPERATORS.map((operator, index) => ({
      userId: 8101 + index,
      name: operator.name,
      email: operator.email,
      admin: operator.admin ?? false,
      locked: operator.locked ?? false,
      deleted: operator.deleted ?? false,
      load: operator.load,
      registeredAtMs: nowMs - (400 - index * 9) * DAY,
      activeAtMs: nowMs - this.random.int(0, 90) * MINUTE,
    }));
  }

  load(name: DatasetName, nowMs: number, options: DatasetOptions = {}): void {
    this.random = createRandom(this.seed + name.length);
    this.chats = [];
    this.nextChatId = 50_001;
    if (name === 'empty') {
      this.target = 0;
      return;
    }
    if (name === 'over900') {
      const unassigned = Math.max(0, Math.min(options.unassigned ?? 0, 600));
      this.target = 1200;
      // Unassigned chats first, so they are among the 900 the capped answer shows.
      for (let i = 0; i < unassigned; i++) this.chats.push(this.newChat(nowMs, this.randomAge(), 0));
      while (this.chats.length < this.target) this.chats.push(this.newChat(nowMs, this.randomAge(), this.assignee(false)));
      return;
    }
    this.target = 300;
    for (let i = 0; i < this.target; i++) {
      this.chats.push(this.newChat(nowMs, this.randomAge(), this.assignee(true)));
    }
    // A deleted operator still holding chats, as happens when someone leaves mid-shift.
    const gone = this.users.find((user) => user.name === DELETED_WITH_CHATS);
    if (gone) for (let i = 0; i < 2; i++) this.chats.push(this.newChat(nowMs, this.random.int(DAY, 3 * DAY), gone.userId));
    // Every age bucket is shown at least once, whatever the draw.
    AGE_RANGES.forEach(([from, to], index) => {
      this.chats[index * 7]!.lastMessageMs = nowMs - Math.floor((from + to) / 2);
    });
  }

  /** One step of a working day: chats arrive, get answers, close and move between operators. */
  tick(nowMs: number): void {
    if (this.target === 0) return;
    const random = this.random;
    const arrivals = random.int(0, 3) + (this.chats.length < this.target * 0.9 ? 2 : 0);
    for (let i = 0; i < arrivals; i++) this.chats.push(this.newChat(nowMs, random.int(0, 40_000), this.assignee(true)));

    for (let i = random.int(1, 4); i > 0 && this.chats.length > 0; i--) {
      random.pick(this.chats).lastMessageMs = nowMs - random.int(0, 20_000);
    }

    const closes = random.int(0, 3) + (this.chats.length > this.target * 1.1 ? 2 : 0);
    for (let i = 0; i < closes && this.chats.length > 0; i++) {
      this.chats.splice(random.int(0, this.chats.length - 1), 1);
    }

    if (random.chance(0.2) && this.chats.length > 0) {
      random.pick(this.chats).userId = this.assignee(false);
    }
  }

  /** Makes `userId` responsible for the chat with this phone; 0 removes the operator. */
  reassign(phone: string, userId: number): 'ok' | 'not found' | 'user not found' | 'user not active' {
    const chat = this.chats.find((candidate) => candidate.phone === phone);
    if (!chat) return 'not found';
    if (userId !== 0) {
      const user = this.users.find((candidate) => candidate.userId === userId);
      if (!user) return 'user not found';
      if (user.locked || user.deleted) return 'user not active';
    }
    chat.userId = userId;
    return 'ok';
  }

  private randomAge(): number {
    const [from, to] = AGE_RANGES[this.random.weighted(AGE_WEIGHTS)]!;
    return this.random.int(from, to - 1000);
  }

  /** A working operator by load share, or 0 (unassigned) now and then. */
  private assignee(allowUnassigned: boolean): number {
    if (allowUnassigned && this.random.chance(0.07)) return 0;
    const active = this.users.filter((user) => !user.deleted && user.load > 0);
    return active[this.random.weighted(active.map((user) => user.load))]!.userId;
  }

  private newChat(nowMs: number, ageMs: number, userId: number): SimChat {
    const random = this.random;
    const channel = this.channels[random.weighted(this.channels.map((candidate) => candidate.weight))]!;
    const chatId = this.nextChatId++;
    const odd = random.chance(0.06) ? random.pick(ODD_CHAT_NAMES) : null;
    const name = odd ?? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const phone =
      channel.type === 'whatsapp'
        ? `79${String(160_000_000 + chatId * 7919).slice(0, 9)}`
        : `@${random.pick(NICKNAMES)}${chatId % 1000}`;
    return {
      chatId,
      name,
      phone,
      avatar: random.chance(0.4) ? `https://cdn.example.invalid/avatars/${chatId}.jpg` : '',
      userId,
      apiId: channel.apiId,
      lastMessageMs: nowMs - ageMs,
    };
  }
}
