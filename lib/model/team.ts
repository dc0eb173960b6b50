// The team as chatload sees it: operators, channels and open chats. lib/wamm maps wamm.chat's
// answers into these types, and nothing else in chatload knows wamm.chat's field names or its way
// of writing "nobody" (0, "0", "" or null). Saved snapshots store these types, with a version.

export interface Operator {
  id: string;
  name: string | null;
  /** An administrator of the wamm.chat account. */
  admin: boolean;
  /** Locked in wamm.chat: cannot sign in, may still hold chats. */
  locked: boolean;
  /** Deleted in wamm.chat, yet perhaps still named as responsible on open chats. */
  deleted: boolean;
  /** The operator's last activity in wamm.chat (epoch ms); null when unknown. */
  lastActiveMs: number | null;
}

export interface Channel {
  id: string;
  name: string | null;
  /** The messenger: "whatsapp", "tg", "tg_bot", … as the account lists it. */
  type: string | null;
  /** The connection: "authorized", "notAuthorized", "starting", "blocked", … */
  state: string | null;
}

export interface OpenChat {
  chatId: string;
  /** The customer's or the group's name. */
  chatName: string;
  /** The customer's phone, or the chat's handle on Telegram-like channels: what reassignment addresses. */
  phone: string;
  avatar: string;
  /** The operator responsible; null when nobody is. */
  operatorId: string | null;
  /** The channel it came in on; null when unknown. */
  channelId: string | null;
  /** The last message's time (epoch ms); null when the upstream gave no usable date. */
  lastMessageMs: number | null;
  /** A group chat: it cannot be given a responsible operator. */
  group: boolean;
}
