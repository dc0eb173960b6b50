import type { Channel, OpenChat, Operator } from '@/lib/model/team';

// Builders of chatload's own model for unit tests: a chat of an operator ('0' for nobody) on a
// channel, last written to so many seconds before `nowMs` (null: no usable date).

export function openChat(chatId: string, operatorId: string, channelId: string, ageSeconds: number | null, nowMs: number, extra: Partial<OpenChat> = {}): OpenChat {
  return {
    chatId,
    chatName: `chat ${chatId}`,
    phone: `7900${chatId}`,
    avatar: '',
    operatorId: operatorId === '0' || operatorId === '' ? null : operatorId,
    channelId: channelId === '' ? null : channelId,
    lastMessageMs: ageSeconds === null ? null : nowMs - ageSeconds * 1000,
    group: false,
    ...extra,
  };
}

export function operator(id: string, name: string | null, flags: Partial<Operator> = {}): Operator {
  return { id, name, admin: false, locked: false, deleted: false, lastActiveMs: null, ...flags };
}

export function channel(id: string, name: string | null, type: string | null = 'whatsapp', state: string | null = 'authorized'): Channel {
  return { id, name, type, state };
}
