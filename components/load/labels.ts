import { UNASSIGNED_USER_ID } from '@/lib/load/aggregate';
import { compareNames } from '@/lib/load/names-order';
import type { ChannelLoad, UserLoad } from '@/lib/load/types';

// How ids become words on screen. Upstream names are shown exactly as given; React escapes them.

export function operatorName(row: Pick<UserLoad, 'userId' | 'name'>): string {
  if (row.userId === UNASSIGNED_USER_ID) return 'Unassigned';
  return row.name ?? `Operator ${row.userId}`;
}

/** Operators in the order of their names as shown, for pick lists. */
export function operatorsByName<T extends Pick<UserLoad, 'userId' | 'name'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compareNames(operatorName(a), operatorName(b)));
}

export function channelName(row: Pick<ChannelLoad, 'apiId' | 'name'> | undefined, apiId?: string): string {
  if (!row) return apiId ? `Channel ${apiId}` : 'Unknown channel';
  return row.name ?? `Channel ${row.apiId}`;
}

const CHANNEL_TYPES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  tg: 'Telegram',
  tg_bot: 'Telegram bot',
  telegram: 'Telegram',
};

export function channelType(type: string | null): string {
  if (!type) return '';
  return CHANNEL_TYPES[type] ?? type;
}

/** A channel that can't receive or send: shown with a flag. */
export function channelProblem(state: string | null): string | null {
  if (state === null || state === 'authorized') return null;
  if (state === 'notAuthorized') return 'not authorized';
  if (state === 'blocked') return 'blocked';
  if (state === 'starting') return 'starting';
  return state;
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => numberFormat.format(n);

/** "14:02:10", plus the date when it isn't today. */
export function formatClock(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (date.toDateString() === now.toDateString()) return time;
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
