import { createRandom, type Random } from './random';
import { CUSTOMER_FIRST_NAMES, CUSTOMER_LAST_NAMES, DELETED_WITH_CHATS, NICKNAMES, ODD_CHAT_NAMES, OPERATORS } from './names';

// The simulated account: operators, channels and open chats with the time of their last message.
// Pure data and rules, no HTTP and no clock of its own (every step is given "now"): the server
// renders it in wamm.chat's wire shapes.

export const DATASETS = ['demo', 'empty', 'over900'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface DatasetOptions {
  /** over900: how many chats have no operator, all within the first 900 of the all-chats answer. Default 0. */
  unassigned?: number;
}

export interface SimUser {
  userId: number;
  name: string;
  email: string;
  admin: boolean;
  locked: boolean;
  deleted: boolean;
  /** Relative share of new chats; 0 = idle. */
  load: number;
  /** Away: holds chats, gets no new ones, shows no activity. */
  onBreak: boolean;
  registeredAtMs: number;
  /** Last activity (user_list's dt_active): kept fresh while the operator works. */
  activeAtMs: number;
}

export interface SimChannel {
  apiId: number;
  type: 'whatsapp' | 'tg' | 'tg_bot';
  tag: string;
  /** The channel's own number or bot name. */
  phone: string;
  state: 'authorized' | 'notAuthorized';
  /** Relative share of new chats. */
  weight: number;
}

export interface SimChat {
  chatId: number;
  name: string;
  /** Phone for WhatsApp, @nickname for Telegram, numeric chat id for a bot: unique, as contact_to_user finds chats by it. */
  phone: string;
  avatar: string;
  /** 0 = no responsible operator. */
  userId: number;
  apiId: number;
  lastMessageMs: number;
}

/** wamm.chat lists at most this many chats when asked for all of them. */
export const ALL_CHATS_CAP = 900;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Upper bounds of the last-message age buckets the dashboard shows: < 5 min … > 24 h. */
export const AGE_BUCKET_LIMITS_MS: readonly number[] = [5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR, DAY, Infinity];
/** Share of each bucket in a steady day; the oldest holds chats of up to OLDEST_AGE_MS. */
const AGE_PROFILE: readonly number[] = [24, 16, 20, 20, 12, 8];
const OLDEST_AGE_MS = 5 * DAY;

const DEMO_CHATS = 300;
const OVER900_CHATS = 1200;
/** Share of new demo chats nobody has taken yet. */
const UNASSIGNED_SHARE = 0.07;

export const CHANNELS: readonly SimChannel[] = [
  { apiId: 1401, type: 'whatsapp', tag: 'Продажи WhatsApp', phone: '79001234567', state: 'authorized', weight: 6 },
  { apiId: 1402, type: 'tg', tag: 'Поддержка Telegram', phone: 'support_team', state: 'authorized', weight: 3 },
  { apiId: 1403, type: 'tg_bot', tag: 'Бот «Доставка»', phone: 'delivery_bot', state: 'notAuthorized', weight: 1 },
];

const FIRST_CHAT_ID = 50_001;

export function ageBucketOf(ageMs: number): number {
  const index = AGE_BUCKET_LIMITS_MS.findIndex((limit) => ageMs < limit);
  return index === -1 ? AGE_BUCKET_LIMITS_MS.length - 1 : index;
}

export class World {
  readonly users: SimUser[];
  readonly channels: SimChannel[] = CHANNELS.map((channel) => ({ ...channel }));
  chats: SimChat[] = [];
  private random: Random;
  private nextChatId = FIRST_CHAT_ID;
  /** The open-chat count the world drifts around. */
  private target = 0;
  /**
   * over900 keeps its unassigned chats exactly as set, at the front: the test that set them counts
   * on every one being inside the capped answer.
   */
  private fixedUnassigned = false;
  private readonly deletedUserIds: ReadonlySet<number>;

  constructor(
    private readonly seed: number,
    nowMs: number,
  ) {
    this.random = createRandom(seed);
    this.users = OPERATORS.map((operator, index) => {
      const away = operator.deleted || operator.locked;
      const onBreak = operator.onBreak ?? false;
      return {
        userId: 8101 + index,
        name: operator.name,
        email: operator.email,
        admin: operator.admin ?? false,
        locked: operator.locked ?? false,
        deleted: operator.deleted ?? false,
        load: operator.load,
        onBreak,
        registeredAtMs: nowMs - (400 - index * 9) * DAY - this.random.int(0, DAY),
        activeAtMs: nowMs - (away ? this.random.int(3 * DAY, 60 * DAY) : onBreak ? this.random.int(45 * MINUTE, 80 * MINUTE) : this.random.int(0, 5 * MINUTE)),
      };
    });
    this.deletedUserIds = new Set(this.users.filter((user) => user.deleted).map((user) => user.userId));
  }

  /** Replaces every chat with a fresh data set; the same name, seed and time give the same chats. */
  load(name: DatasetName, nowMs: number, options: DatasetOptions = {}): void {
    this.random = createRandom(this.seed * 31 + DATASETS.indexOf(name));
    this.chats = [];
    this.nextChatId = FIRST_CHAT_ID;
    this.fixedUnassigned = name === 'over900';
    if (name === 'empty') {
      this.target = 0;
      return;
    }
    if (name === 'over900') {
      this.target = OVER900_CHATS;
      const unassigned = Math.max(0, Math.min(Math.floor(options.unassigned ?? 0), ALL_CHATS_CAP));
      for (let i = 0; i < unassigned; i++) this.chats.push(this.newChat(nowMs - this.initialAge(), 0));
      while (this.chats.length < this.target) this.chats.push(this.newChat(nowMs - this.initialAge(), this.workingOperator()));
      return;
    }
    this.target = DEMO_CHATS;
    // Locked operators may still hold chats from before they were locked; new chats skip them.
    const holders = this.users.filter((user) => !user.deleted && user.load > 0);
    for (let i = 0; i < this.target; i++) {
      const userId = this.random.chance(UNASSIGNED_SHARE) ? 0 : this.pickByLoad(holders);
      this.chats.push(this.newChat(nowMs - this.initialAge(), userId));
    }
    // Someone left mid-shift: their account is deleted, their chats still wait.
    const gone = this.users.find((user) => user.name === DELETED_WITH_CHATS);
    if (gone) for (let i = 0; i < 2; i++) this.chats.push(this.newChat(nowMs - this.random.int(DAY + HOUR, 3 * DAY), gone.userId));
    // The awkward names are what export and rendering tests look for: each one appears for sure.
    ODD_CHAT_NAMES.forEach((name, index) => {
      this.chats[index * 11 + 3]!.name = name;
    });
    // A small draw could leave a bucket empty; the demo should show every one.
    AGE_BUCKET_LIMITS_MS.forEach((_, bucket) => {
      if (this.chats.some((chat) => ageBucketOf(nowMs - chat.lastMessageMs) === bucket)) return;
      this.chats[bucket * 7]!.lastMessageMs = nowMs - this.ageIn(bucket);
    });
  }

  /**
   * One step of a working day: chats arrive, get messages, close and move between operators.
   * Replies and closes are drawn from the age buckets that hold more than their share, so the mix
   * of ages stays the same however long the demo runs instead of drifting towards all-fresh.
   */
  tick(nowMs: number): void {
    // Everyone at work shows activity in wamm.chat; locked, deleted and operators on a break do not.
    for (const user of this.users) {
      if (!user.deleted && !user.locked && !user.onBreak) user.activeAtMs = Math.max(user.activeAtMs, nowMs - this.random.int(0, 3 * MINUTE));
    }
    if (this.target === 0) return;
    const random = this.random;
    const arrivals = random.int(0, 3) + (this.chats.length < this.target * 0.9 ? 2 : 0);
    for (let i = 0; i < arrivals; i++) {
      const userId = !this.fixedUnassigned && random.chance(UNASSIGNED_SHARE) ? 0 : this.workingOperator();
      this.chats.push(this.newChat(nowMs - random.int(0, 40_000), userId));
    }

    for (let i = random.int(1, 4); i > 0; i--) {
      const chat = this.pickSurplusChat(nowMs);
      if (chat) chat.lastMessageMs = nowMs - random.int(0, 20_000);
    }

    const closes = random.int(0, 3) + (this.chats.length > this.target * 1.1 ? 2 : 0);
    for (let i = 0; i < closes; i++) {
      const chat = this.pickSurplusChat(nowMs);
      if (chat) this.close(chat.chatId);
    }

    if (random.chance(0.2)) {
      const movable = this.chats.filter((chat) => this.isWorked(chat) && !(this.fixedUnassigned && chat.userId === 0));
      if (movable.length > 0) {
        const chat = random.pick(movable);
        const to = this.workingOperator(chat.userId);
        if (to !== 0) chat.userId = to;
      }
    }
  }

  close(chatId: number): boolean {
    const index = this.chats.findIndex((chat) => chat.chatId === chatId);
    if (index === -1) return false;
    this.chats.splice(index, 1);
    return true;
  }

  /** Makes `userId` responsible for the chat with this phone; 0 removes the operator. Groups cannot have one. */
  reassign(phone: string, userId: number): 'ok' | 'not found' | 'user not found' | 'user not active' | 'phone fail' {
    const chat = this.chats.find((candidate) => candidate.phone === phone);
    if (!chat) return 'not found';
    if (chat.phone.endsWith('@g.us')) return 'phone fail';
    if (userId !== 0) {
      const user = this.users.find((candidate) => candidate.userId === userId);
      if (!user) return 'user not found';
      if (user.locked || user.deleted) return 'user not active';
    }
    chat.userId = userId;
    return 'ok';
  }

  /** Chats of a deleted operator sit untouched until someone reassigns them. */
  private isWorked(chat: SimChat): boolean {
    return !this.deletedUserIds.has(chat.userId);
  }

  private pickSurplusChat(nowMs: number): SimChat | undefined {
    const buckets: SimChat[][] = AGE_BUCKET_LIMITS_MS.map(() => []);
    for (const chat of this.chats) {
      if (!this.isWorked(chat) || (this.fixedUnassigned && chat.userId === 0)) continue;
      buckets[ageBucketOf(nowMs - chat.lastMessageMs)]!.push(chat);
    }
    const profileTotal = AGE_PROFILE.reduce((sum, share) => sum + share, 0);
    const surplus = buckets.map((chats, bucket) => Math.max(0, chats.length - (this.target * AGE_PROFILE[bucket]!) / profileTotal));
    // Below target in every bucket: the quickest chats to finish are the fresh ones.
    const weights = surplus.some((value) => value > 0) ? surplus : buckets.map((chats, bucket) => (bucket < 3 ? chats.length : 0));
    if (!weights.some((value) => value > 0)) return undefined;
    const bucket = buckets[this.random.weighted(weights)]!;
    return bucket.length > 0 ? this.random.pick(bucket) : undefined;
  }

  private initialAge(): number {
    return this.ageIn(this.random.weighted(AGE_PROFILE));
  }

  private ageIn(bucket: number): number {
    const from = bucket === 0 ? 0 : AGE_BUCKET_LIMITS_MS[bucket - 1]!;
    const to = Math.min(AGE_BUCKET_LIMITS_MS[bucket]!, OLDEST_AGE_MS);
    return this.random.int(from, to - 1000);
  }

  private pickByLoad(users: readonly SimUser[]): number {
    const user = users[this.random.weighted(users.map((candidate) => candidate.load))];
    return user?.userId ?? 0;
  }

  /** An operator who can take chats now (not locked, not deleted, not on a break, not idle), other than `except`. */
  private workingOperator(except = 0): number {
    return this.pickByLoad(this.users.filter((user) => !user.deleted && !user.locked && !user.onBreak && user.load > 0 && user.userId !== except));
  }

  private newChat(lastMessageMs: number, userId: number): SimChat {
    const random = this.random;
    const channel = this.channels[random.weighted(this.channels.map((candidate) => candidate.weight))]!;
    const chatId = this.nextChatId++;
    const odd = random.chance(0.06) ? random.pick(ODD_CHAT_NAMES) : null;
    const name = odd ?? `${random.pick(CUSTOMER_FIRST_NAMES)} ${random.pick(CUSTOMER_LAST_NAMES)}`;
    // Multiplying by a number coprime to 10^9 keeps phones unique while looking scattered.
    const scattered = (chatId * 7919 + 160_000_000) % 1_000_000_000;
    // Every 29th WhatsApp chat is a group, by id rather than by chance so the rest of the world's
    // random draws stay as they were; wamm.chat lists a group by its WhatsApp id.
    const group = channel.type === 'whatsapp' && chatId % 29 === 0;
    const phone = group
      ? `1203630${String(scattered).padStart(11, '0')}@g.us`
      : channel.type === 'whatsapp'
        ? `79${String(scattered).padStart(9, '0')}`
        : channel.type === 'tg'
          ? `@${random.pick(NICKNAMES)}${chatId}`
          : String(5_000_000_000 + scattered);
    return {
      chatId,
      name,
      phone,
      avatar: random.chance(0.4) ? `https://cdn.example.invalid/avatars/${chatId}.jpg` : '',
      userId,
      apiId: channel.apiId,
      lastMessageMs,
    };
  }
}
