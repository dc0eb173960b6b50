import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { ageParts, type AgeBucketKey } from '@/lib/load/ages';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import { compareNames } from '@/lib/load/names-order';
import type { ChannelLoad, UserLoad } from '@/lib/load/types';

// How ids, numbers and times become words on screen, in the page's language. Upstream names are
// shown exactly as given: they are passed as values, never parsed as messages, and React escapes
// them once.

export type LabelWords = ReturnType<typeof useTranslations<'labels'>>;

const CHANNEL_TYPES = new Set(['whatsapp', 'tg', 'tg_bot', 'telegram']);
const CHANNEL_STATES = new Set(['notAuthorized', 'blocked', 'starting']);

export interface Labels {
  locale: string;
  operatorName(row: Pick<UserLoad, 'userId' | 'name'>): string;
  channelName(row: Pick<ChannelLoad, 'apiId' | 'name'> | undefined, apiId?: string): string;
  channelType(type: string | null): string;
  /** A channel that can't receive or send, in words; null when it is fine. */
  channelProblem(state: string | null): string | null;
  chatName(chat: { chatId: string; chatName: string; phone?: string }): string;
  bucket(key: AgeBucketKey): string;
  count(n: number): string;
  /** "80 %" / "80 %": a share of 1 as a whole percentage, in the page's language. */
  percent(ratio: number): string;
  /** "42 s", "7 min", "3 h 05 min", "2 d 4 h"; "—" when unknown. */
  age(seconds: number | null): string;
  /** "just now", "12 s ago", "3 min ago". */
  ago(seconds: number): string;
  /** "14:02:10", with the date in front when it is not today. */
  clock(time: string | number, now?: Date): string;
  /** "14:02" or "14:02:10". */
  time(time: string | number, seconds: boolean): string;
  /** "28 Nov 2026, 14:00": a moment named in full, for snapshots. */
  dateTime(time: string | number): string;
}

// English dates are written the British way: day before month, 24-hour clock, as teams on wamm.chat
// read them in every other language too.
const INTL_LOCALES: Record<string, string> = { en: 'en-GB' };

export function createLabels(locale: string, t: LabelWords): Labels {
  const intlLocale = INTL_LOCALES[locale] ?? locale;
  const numbers = new Intl.NumberFormat(intlLocale);
  const percents = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  const timeWithSeconds = new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const timeShort = new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const toDate = (value: string | number) => new Date(typeof value === 'number' ? value : Date.parse(value));

  const labels: Labels = {
    locale,
    operatorName(row) {
      if (row.userId === UNASSIGNED_ROW_ID) return t('unassigned');
      return row.name ?? t('operator', { id: row.userId });
    },
    channelName(row, apiId) {
      if (!row) return apiId ? t('channel', { id: apiId }) : t('unknownChannel');
      return row.name ?? t('channel', { id: row.apiId });
    },
    channelType(type) {
      if (!type) return '';
      return CHANNEL_TYPES.has(type) ? t(`channelTypes.${type as 'whatsapp'}`) : type;
    },
    channelProblem(state) {
      if (state === null || state === 'authorized') return null;
      return CHANNEL_STATES.has(state) ? t(`channelStates.${state as 'blocked'}`) : t('channelStates.other', { state });
    },
    chatName(chat) {
      return chat.chatName || chat.phone || t('chat', { id: chat.chatId });
    },
    bucket: (key) => t(`buckets.${key}`),
    count: (n) => numbers.format(n),
    percent: (ratio) => percents.format(ratio),
    age(seconds) {
      if (seconds === null) return t('age.none');
      const parts = ageParts(seconds);
      switch (parts.unit) {
        case 'seconds':
          return t('age.seconds', { s: parts.s });
        case 'minutes':
          return t('age.minutes', { m: parts.m });
        case 'hours':
          return t('age.hours', { h: parts.h, m: parts.m });
        case 'days':
          return t('age.days', { d: parts.d, h: parts.h });
      }
    },
    ago(seconds) {
      const s = Math.max(0, Math.floor(seconds));
      if (s < 2) return t('ago.justNow');
      if (s < 60) return t('ago.seconds', { n: s });
      const minutes = Math.floor(s / 60);
      if (minutes < 60) return t('ago.minutes', { n: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t('ago.hours', { n: hours });
      return t('ago.days', { n: Math.floor(hours / 24) });
    },
    clock(time, now = new Date()) {
      const date = toDate(time);
      const clock = timeWithSeconds.format(date);
      if (date.toDateString() === now.toDateString()) return clock;
      return `${day.format(date)} ${clock}`;
    },
    time: (time, seconds) => (seconds ? timeWithSeconds : timeShort).format(toDate(time)),
    dateTime: (time) => full.format(toDate(time)),
  };
  return labels;
}

/** The labels of the page's language. */
export function useLabels(): Labels {
  const locale = useLocale();
  const t = useTranslations('labels');
  return useMemo(() => createLabels(locale, t), [locale, t]);
}

/** Operators in the order of their names as shown, for pick lists. */
export function operatorsByName<T extends Pick<UserLoad, 'userId' | 'name'>>(rows: readonly T[], labels: Labels): T[] {
  return [...rows].sort((a, b) => compareNames(labels.operatorName(a), labels.operatorName(b)));
}
