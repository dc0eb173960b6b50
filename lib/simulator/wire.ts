import { formatWallClock } from './wall-clock';
import type { SimChannel, SimChat, SimUser } from './world';

// wamm.chat's JSON shapes, and the world rendered in them with the real API's inconsistencies:
// ids as strings in user_chats but numbers in user_list and channel_list, a few chats with numeric
// ids anyway, and "no operator" written three ways. A client that works here compares ids as strings.

export interface WireChat {
  chat_id: string | number;
  chat_name: string;
  phone: string;
  avatar: string;
  /** '' , '0' or 0 when nobody is responsible. */
  user_id: string | number;
  /** "YYYY-MM-DD HH:mm:ss" in the simulator's zone. */
  date_msg: string;
  api_id: string | number;
}

export interface WireUser {
  user_id: number;
  acc: 'admin' | 'user';
  email: string;
  name: string;
  dt_reg: string;
  dt_active: string;
  lock: 0 | 1;
  deleted: 0 | 1;
}

export interface WireChannel {
  api_id: number;
  api_tip: SimChannel['type'];
  pay_state: string;
  phone: string;
  api_tag: string;
  state: SimChannel['state'];
  hook: string;
}

const UNASSIGNED_FORMS: ReadonlyArray<string | number> = ['', '0', 0];

export function toWireChat(chat: SimChat, timeZone: string): WireChat {
  // Chosen by id, not at random, so a chat keeps its shape from one answer to the next.
  const numeric = chat.chatId % 5 === 0;
  const id = (value: number) => (numeric ? value : String(value));
  return {
    chat_id: id(chat.chatId),
    chat_name: chat.name,
    phone: chat.phone,
    avatar: chat.avatar,
    user_id: chat.userId === 0 ? UNASSIGNED_FORMS[chat.chatId % UNASSIGNED_FORMS.length]! : id(chat.userId),
    date_msg: formatWallClock(chat.lastMessageMs, timeZone),
    api_id: id(chat.apiId),
  };
}

export function toWireUser(user: SimUser, timeZone: string): WireUser {
  return {
    user_id: user.userId,
    acc: user.admin ? 'admin' : 'user',
    email: user.email,
    name: user.name,
    dt_reg: formatWallClock(user.registeredAtMs, timeZone),
    dt_active: formatWallClock(user.activeAtMs, timeZone),
    lock: user.locked ? 1 : 0,
    deleted: user.deleted ? 1 : 0,
  };
}

export function toWireChannel(channel: SimChannel): WireChannel {
  return {
    api_id: channel.apiId,
    api_tip: channel.type,
    pay_state: 'paid',
    phone: channel.phone,
    api_tag: channel.tag,
    state: channel.state,
    hook: '',
  };
}
