import type { AlertRuleKind } from '@/lib/settings/schema';
import type { AlertMessageKind, ConditionState } from './rules';

// The words of an alert: short, in the team's language (ru or en), with the number, the team,
// operator or channel by name, since when (in WAMM_TIMEZONE) and a link to the matching view.

export type AlertLang = 'ru' | 'en';

interface Words {
  what(kind: AlertRuleKind, state: Pick<ConditionState, 'value' | 'threshold' | 'subject'>): string;
  fired: string;
  reminder: string;
  resolved: string;
  since: string;
  everyone: string;
}

const WORDS: Record<AlertLang, Words> = {
  ru: {
    what: (kind, { value, threshold, subject }) => {
      const where = subject ? ` (${subject})` : '';
      switch (kind) {
        case 'critical_chats':
          return `Чатов сверх критического порога: ${value}${where}`;
        case 'over_capacity':
          return `Оператор ${subject ?? ''} перегружен: ${value} чатов при норме ${threshold}`;
        case 'unassigned':
          return `Чатов без ответственного: ${value}${where}`;
        case 'channel_down':
          return `Канал ${subject ?? ''} не авторизован или заблокирован`;
        case 'upstream_down':
          return `wamm.chat не отвечает уже ${value} мин`;
        case 'partial_data':
          return 'Данные неполные: часть чатов не получена из wamm.chat';
        case 'future_times':
          return `Время последних сообщений на ${value} мин в будущем: проверьте WAMM_TIMEZONE`;
        case 'rebalancing':
          return `Автоматическое распределение: ${value} предложений, переводов или ошибок${where}`;
      }
    },
    fired: '🔴',
    reminder: '🔁 Всё ещё:',
    resolved: '✅ Решено:',
    since: 'с',
    everyone: 'все',
  },
  en: {
    what: (kind, { value, threshold, subject }) => {
      const where = subject ? ` (${subject})` : '';
      switch (kind) {
        case 'critical_chats':
          return `Chats past the critical threshold: ${value}${where}`;
        case 'over_capacity':
          return `Operator ${subject ?? ''} over capacity: ${value} chats for a capacity of ${threshold}`;
        case 'unassigned':
          return `Chats without an operator: ${value}${where}`;
        case 'channel_down':
          return `Channel ${subject ?? ''} is not authorized or blocked`;
        case 'upstream_down':
          return `wamm.chat has not answered for ${value} min`;
        case 'partial_data':
          return 'The numbers are partial: some chats did not arrive from wamm.chat';
        case 'future_times':
          return `Last-message times are ${value} min in the future: check WAMM_TIMEZONE`;
        case 'rebalancing':
          return `Automatic rebalancing: ${value} suggestions, moves or failures${where}`;
      }
    },
    fired: '🔴',
    reminder: '🔁 Still:',
    resolved: '✅ Resolved:',
    since: 'since',
    everyone: 'everyone',
  },
};

/** "14:05" in the team's zone, with the date when it is not today. */
export function clockOf(atMs: number, nowMs: number, timezone: string, lang: AlertLang): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  const time = new Intl.DateTimeFormat(locale, { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(atMs));
  if (day(atMs) === day(nowMs)) return time;
  return `${new Intl.DateTimeFormat(locale, { timeZone: timezone, day: 'numeric', month: 'short' }).format(new Date(atMs))} ${time}`;
}

/** The view that shows it: the team, the operator or the channel on the team load page. */
export function linkOf(state: Pick<ConditionState, 'link'>, publicUrl: string | null): string | null {
  if (!publicUrl) return null;
  const url = new URL(`${publicUrl}/`);
  for (const [name, value] of Object.entries(state.link ?? {})) if (value) url.searchParams.set(name, value);
  return url.toString();
}

/** The condition in a line, without the "fired/resolved" mark (for the active alerts list). */
export function describeCondition(state: Pick<ConditionState, 'kind' | 'value' | 'threshold' | 'subject'>, lang: AlertLang): string {
  return WORDS[lang].what(state.kind, state);
}

export function messageText(
  kind: AlertMessageKind,
  state: ConditionState,
  options: { lang: AlertLang; timezone: string; nowMs: number; publicUrl: string | null },
): string {
  const words = WORDS[options.lang];
  const mark = kind === 'fired' ? words.fired : kind === 'reminder' ? words.reminder : words.resolved;
  const since = `${words.since} ${clockOf(state.sinceMs, options.nowMs, options.timezone, options.lang)}`;
  const link = linkOf(state, options.publicUrl);
  return `${mark} ${describeCondition(state, options.lang)}, ${since}${link ? `\n${link}` : ''}`;
}
