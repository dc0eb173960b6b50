import { ALERT_CHANNELS, ALERT_RULE_KINDS, type AlertChannelKind, type AlertRuleKind } from '@/components/alerts/types';
import { DEFAULT_RULES, rule } from '@/lib/alerts/rules';
import type { AlertRule, AlertSettings, Settings } from '@/lib/settings/schema';

// The manager's unsaved copy of the settings' `alerts` section, and every edit the Settings page
// makes to it, as pure functions. Lists typed as text (e-mail recipients, report times) stay text
// until saved, so a half-typed address is not lost or "corrected" while typing.

export type { AlertRule, AlertSettings };

export interface AlertDraft {
  /** null: the defaults, shown (DEFAULT_RULES) but not written until edited. */
  rules: AlertRule[] | null;
  lang: AlertSettings['lang'];
  webhookUrl: string;
  telegramChatId: string;
  /** Recipients as typed: separated by commas, semicolons, spaces or lines. */
  emailTo: string;
  reportEnabled: boolean;
  /** Report times as typed ("08:00, 20:00"); empty: the snapshot times. */
  reportAt: string;
}

export const EMPTY_ALERT_SETTINGS: AlertSettings = {
  rules: null,
  lang: null,
  webhookUrl: null,
  telegramChatId: null,
  emailTo: null,
  report: { enabled: false, at: null },
};

/** The rules that apply while the settings name none (once a channel is configured): the server's own list. */
export { DEFAULT_RULES };

/** Rule kinds whose threshold is a count the manager sets (chats, operators, channels). */
export const COUNTED_KINDS: ReadonlySet<AlertRuleKind> = new Set<AlertRuleKind>(['critical_chats', 'over_capacity', 'unassigned', 'channel_down']);

export const MAX_RULES = 100;
export const MAX_MINUTES = 7 * 24 * 60;
export const MAX_THRESHOLD = 100_000;

/** The alerts section of a stored document. */
export function alertsOf(settings: Settings): AlertSettings {
  return settings.alerts;
}

/** Each rule's kind by its id: the settings' own rules, or the defaults. */
export function ruleKinds(alerts: AlertSettings): Map<string, AlertRuleKind> {
  return new Map((alerts.rules ?? DEFAULT_RULES).map((item) => [item.id, item.kind]));
}

export function alertDraftOf(settings: AlertSettings | undefined): AlertDraft {
  const alerts = settings ?? EMPTY_ALERT_SETTINGS;
  return {
    rules: alerts.rules === null ? null : alerts.rules.map((item) => ({ ...item, channelIds: [...item.channelIds] })),
    lang: alerts.lang,
    webhookUrl: alerts.webhookUrl ?? '',
    telegramChatId: alerts.telegramChatId ?? '',
    emailTo: (alerts.emailTo ?? []).join(', '),
    reportEnabled: alerts.report.enabled,
    reportAt: (alerts.report.at ?? []).join(', '),
  };
}

const listOf = (text: string) => text.split(/[\s,;]+/).filter((item) => item !== '');
const textOrNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The section a draft stands for, ready to go into the document. */
export function alertSettingsOf(draft: AlertDraft): AlertSettings {
  const emails = listOf(draft.emailTo);
  const times = listOf(draft.reportAt);
  return {
    rules: draft.rules,
    lang: draft.lang,
    webhookUrl: textOrNull(draft.webhookUrl),
    telegramChatId: textOrNull(draft.telegramChatId),
    emailTo: emails.length > 0 ? emails : null,
    report: { enabled: draft.reportEnabled, at: times.length > 0 ? times : null },
  };
}

/** The rules the page shows: the draft's own, or the defaults. */
export function rulesShown(draft: AlertDraft): readonly AlertRule[] {
  return draft.rules ?? DEFAULT_RULES;
}

/** An edit of one rule; editing the defaults writes them into the document first. */
export function updateRule(draft: AlertDraft, index: number, change: Partial<AlertRule>): AlertDraft {
  const rules = rulesShown(draft).map((item, at) => (at === index ? { ...item, ...change } : item));
  return { ...draft, rules };
}

export function removeRule(draft: AlertDraft, index: number): AlertDraft {
  return { ...draft, rules: rulesShown(draft).filter((_, at) => at !== index) };
}

/** A new rule of `kind` at the end, on, for everyone, with an id of its own. */
export function addRule(draft: AlertDraft, kind: AlertRuleKind): AlertDraft {
  const rules = rulesShown(draft);
  const taken = new Set(rules.map((item) => item.id));
  const stem = kind.replace(/_/g, '-');
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return { ...draft, rules: [...rules, rule(id, kind, kind === 'upstream_down' ? { forMinutes: 3 } : {})] };
}

/** Back to the defaults: the document names no rules. */
export function restoreDefaultRules(draft: AlertDraft): AlertDraft {
  return { ...draft, rules: null };
}

export function toggleRuleChannel(draft: AlertDraft, index: number, channel: AlertChannelKind, on: boolean): AlertDraft {
  const current = rulesShown(draft)[index]?.channelIds ?? [];
  const next = ALERT_CHANNELS.filter((item) => (item === channel ? on : current.includes(item)));
  return updateRule(draft, index, { channelIds: next });
}

// What the page can tell before the server does (the server still judges every save).

export type AlertProblemCode = 'count' | 'minutes' | 'minutesFromZero' | 'url' | 'telegramChat' | 'email' | 'time' | 'quietHours' | 'tooManyRules';

export interface AlertProblem {
  /** The field's path as the server names it: `alerts.rules[1].threshold`. */
  field: string;
  code: AlertProblemCode;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const TELEGRAM_CHAT = /^(-?\d{1,20}|@\w{4,64})$/;
const wholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function alertProblems(draft: AlertDraft): AlertProblem[] {
  const problems: AlertProblem[] = [];
  const rules = draft.rules ?? [];
  if (rules.length > MAX_RULES) problems.push({ field: 'alerts.rules', code: 'tooManyRules' });
  rules.forEach((item, index) => {
    const at = `alerts.rules[${index}]`;
    if (!wholeIn(item.threshold, 1, MAX_THRESHOLD)) problems.push({ field: `${at}.threshold`, code: 'count' });
    if (!wholeIn(item.forMinutes, 0, MAX_MINUTES)) problems.push({ field: `${at}.forMinutes`, code: 'minutesFromZero' });
    if (!wholeIn(item.repeatMinutes, 1, MAX_MINUTES)) problems.push({ field: `${at}.repeatMinutes`, code: 'minutes' });
    if (item.quietHours !== null) {
      if (!CLOCK.test(item.quietHours.from)) problems.push({ field: `${at}.quietHours.from`, code: 'quietHours' });
      if (!CLOCK.test(item.quietHours.to)) problems.push({ field: `${at}.quietHours.to`, code: 'quietHours' });
    }
  });
  const webhook = draft.webhookUrl.trim();
  if (webhook !== '' && !isHttpUrl(webhook)) problems.push({ field: 'alerts.webhookUrl', code: 'url' });
  const chat = draft.telegramChatId.trim();
  if (chat !== '' && !TELEGRAM_CHAT.test(chat)) problems.push({ field: 'alerts.telegramChatId', code: 'telegramChat' });
  if (listOf(draft.emailTo).some((address) => !EMAIL.test(address))) problems.push({ field: 'alerts.emailTo', code: 'email' });
  if (listOf(draft.reportAt).some((time) => !CLOCK.test(time))) problems.push({ field: 'alerts.report.at', code: 'time' });
  return problems;
}

/** The field a refusal names at its start (`alerts.rules[1].threshold must be …`), or null. */
export function alertFieldOfMessage(message: string): string | null {
  return /^(alerts(?:\[\d+\]|\.[\w-]+)*)(?=\s|$)/.exec(message)?.[1] ?? null;
}

/** The rule kinds in the order the page offers them. */
export const RULE_KINDS: readonly AlertRuleKind[] = ALERT_RULE_KINDS;
