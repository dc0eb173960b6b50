import { SIM_URL } from './env';

// Drives the simulator through its control endpoints, the way a test outside the app process must.

export interface WireChat {
  chat_id: string | number;
  chat_name: string;
  phone: string;
  user_id: string | number | null;
  api_id: string | number;
  date_msg: string;
}
export interface WireUser {
  user_id: string | number;
  name: string;
  deleted: number | string;
  lock: number | string;
}
export interface WireChannel {
  api_id: string | number;
  api_tag: string;
  state: string;
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${SIM_URL}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

export const sim = {
  setFault: (fault: { kind: string; delayMs?: number; methods?: string[]; users?: string[]; times?: number }) => call('POST', 'fault', fault),
  clearFault: () => call('DELETE', 'fault'),
  setDataset: (name: 'demo' | 'empty' | 'over900', unassigned?: number) => call('POST', 'dataset', { name, unassigned }),
  snapshot: () => call('GET', 'snapshot') as Promise<{ users: WireUser[]; channels: WireChannel[]; chats: WireChat[] }>,
};

export function userIdOf(chat: WireChat): string {
  return chat.user_id === null || chat.user_id === '' ? '0' : String(chat.user_id);
}

/** Open chats per operator and per channel, counted from the simulator's own data. */
export async function truth() {
  const snapshot = await sim.snapshot();
  const perUser = new Map<string, number>();
  const perChannel = new Map<string, number>();
  for (const chat of snapshot.chats) {
    perUser.set(userIdOf(chat), (perUser.get(userIdOf(chat)) ?? 0) + 1);
    perChannel.set(String(chat.api_id), (perChannel.get(String(chat.api_id)) ?? 0) + 1);
  }
  return { ...snapshot, total: snapshot.chats.length, perUser, perChannel };
}

/** The number in a piece of text such as "1,204" or "312 chats". */
export function numberIn(text: string | null): number {
  const digits = (text ?? '').replace(/[\s,\u00a0\u202f]/g, '').match(/\d+/);
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits[0]);
}
