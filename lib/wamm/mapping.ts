import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import type { WireChannel, WireChat, WireUser } from './schemas';
import { parseWallClock } from './timezone';

// wamm.chat's answers into chatload's own types. The knowledge of how wamm.chat writes things stays
// here: "nobody responsible" as 0, "0", "" or null; wall-clock dates without a zone, read in the
// account's zone (WAMM_TIMEZONE); groups recognisable only by their WhatsApp id.

/** wamm.chat's ways of saying that no operator is responsible for a chat. */
const NOBODY = new Set(['', '0']);

/** WhatsApp writes a group's id as "<digits>@g.us"; Telegram-like groups come as negative ids. */
const GROUP_ID = /@g\.us$|^-\d+$/;

/** Whether a chat's phone field names a group (which cannot be given a responsible operator). */
export function isGroupPhone(phone: string): boolean {
  return GROUP_ID.test(phone.trim());
}

export function toOpenChat(row: WireChat, timezone: string): OpenChat {
  return {
    chatId: row.chat_id,
    chatName: row.chat_name,
    phone: row.phone,
    avatar: row.avatar,
    operatorId: NOBODY.has(row.user_id) ? null : row.user_id,
    channelId: row.api_id === '' ? null : row.api_id,
    lastMessageMs: parseWallClock(textOrNull(row.date_msg), timezone),
    group: isGroupPhone(row.phone),
  };
}

export function toOperator(row: WireUser, timezone: string): Operator {
  return {
    id: row.user_id,
    name: row.name.trim() === '' ? null : row.name,
    admin: row.acc === 'admin',
    locked: row.lock,
    deleted: row.deleted,
    lastActiveMs: parseWallClock(textOrNull(row.dt_active), timezone),
  };
}

export function toChannel(row: WireChannel): Channel {
  return {
    id: row.api_id,
    name: row.api_tag.trim() === '' ? null : row.api_tag,
    type: row.api_tip === '' ? null : row.api_tip,
    state: row.state === '' ? null : row.state,
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
