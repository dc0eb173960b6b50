import { operatorRowId } from '@/lib/load/aggregate';
import type { Channel, Operator } from '@/lib/model/team';
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
  const operators = new Map<string, Operator>();
  for (const operator of input.operators) operators.set(operator.id, operator);
  const channels = new Map<string, Channel>();
  for (const channel of input.channels) channels.set(channel.id, channel);

  return input.chats.map((chat) => {
    const unassigned = chat.operatorId === null;
    return {
      chatId: chat.chatId,
      chatName: chat.chatName,
      phone: chat.phone,
      operatorId: operatorRowId(chat),
      operatorName: chat.operatorId === null ? null : (operators.get(chat.operatorId)?.name ?? null),
      unassigned,
      channelId: chat.channelId ?? '',
      channelName: chat.channelId === null ? null : (channels.get(chat.channelId)?.name ?? null),
      lastMessageMs: chat.lastMessageMs,
      ageSeconds: chat.ageSeconds,
      bucket: chat.ageSeconds === null ? -1 : chat.bucket,
    };
  });
}
