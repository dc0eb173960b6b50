import { UNASSIGNED_USER_ID } from '@/lib/load/aggregate';
import type { WammChannel, WammUser } from '@/lib/wamm/schemas';
import type { ExportInput } from './types';

// One chat as every format writes it: names looked up once, here.

export interface ChatExportRow {
  chatId: string;
  chatName: string;
  phone: string;
  operatorId: string;
  /** Null for the unassigned row ("0") and for an operator missing from wamm.chat's list. */
  operatorName: string | null;
  unassigned: boolean;
  channelId: string;
  /** Null for a channel missing from the list or without a name. */
  channelName: string | null;
  lastMessageMs: number | null;
  ageSeconds: number | null;
  /** Index into AGE_BUCKETS, -1 when undated. */
  bucket: number;
}

export function chatExportRows(input: ExportInput): ChatExportRow[] {
  const users = new Map<string, WammUser>();
  for (const user of input.users) users.set(user.userId, user);
  const channels = new Map<string, WammChannel>();
  for (const channel of input.channels) channels.set(channel.apiId, channel);

  return input.chats.map((chat) => {
    const unassigned = chat.userId === UNASSIGNED_USER_ID;
    return {
      chatId: chat.chatId,
      chatName: chat.chatName,
      phone: chat.phone,
      operatorId: chat.userId,
      operatorName: unassigned ? null : (users.get(chat.userId)?.name ?? null),
      unassigned,
      channelId: chat.apiId,
      channelName: channels.get(chat.apiId)?.name ?? null,
      lastMessageMs: chat.lastMessageMs,
      ageSeconds: chat.ageSeconds,
      bucket: chat.ageSeconds === null ? -1 : chat.bucket,
    };
  });
}
