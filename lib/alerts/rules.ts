import type { LoadData } from '@/lib/load/store';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { AlertRule, AlertRuleKind } from '@/lib/settings/schema';
import { inQuietHours } from '@/lib/time/quiet-hours';

// Rule evaluation as a pure function: what the live data says about each rule (observe), and from
// that, the previous states and the time, what happens (evaluate): a condition starts (pending),
// holds long enough (fired: one message), keeps holding (a reminder every repeatMinutes), ends
// (resolved: one message, only if something was said). Quiet hours hold messages, not state: a
// condition fires in them, and its first message goes out when they end, if it still holds.

/** What one rule sees for one scope (everyone, a team, an operator, a channel). */
export interface Observation {
  key: string;
  teamId: string | null;
  /** The team, operator or channel by name; null for everyone. */
  subject: string | null;
  /** For links: which view shows it. */
  link: { team?: string; user?: string; channel?: string } | null;
  value: number;
  threshold: number;
  /** false: measured but below the threshold (a firing condition resolves with this value). */
  holds?: boolean;
}

/** What the rules read: the live data (null while there is none), upstream trouble, the last automatic rebalancing. */
export interface AlertInputs {
  data: LoadData | null;
  /** The data is old (wamm.chat not answering, or not asked for a while): data-based rules keep their state. */
  stale: boolean;
  /** Since when wamm.chat has not answered; null while it does. */
  upstreamFailingSinceMs: number | null;
  rebalancing: { atMs: number; suggested: number; moved: number; failed: number } | null;
  nowMs: number;
}

/** A condition's remembered state (stored as JSON). */
export interface ConditionState {
  key: string;
  ruleId: string;
  kind: AlertRuleKind;
  phase: 'pending' | 'firing';
  sinceMs: number;
  firedAtMs: number | null;
  /** The event in storage, once fired. */
  eventId: string | null;
  /** Whether the firing message was queued (false while quiet hours held it). */
  notified: boolean;
  lastMessageAtMs: number | null;
  reminders: number;
  teamId: string | null;
  subject: string | null;
  link: Observation['link'];
  value: number;
  threshold: number;
}

export type AlertMessageKind = 'fired' | 'reminder' | 'resolved';

export interface AlertMessage {
  kind: AlertMessageKind;
  /** "fired", "reminder:2", "resolved": unique per event. */
  id: string;
  state: ConditionState;
  /** While quiet hours hold it: when they end. null = now. */
  holdUntilMs: number | null;
}

export interface Evaluation {
  /** Every condition pending or firing after this step. */
  states: ConditionState[];
  /** States that changed (to be written) and keys that ended (to be forgotten). */
  changed: ConditionState[];
  removed: string[];
  /** Events to record: a condition that fired now (it carries no eventId yet; the caller gives one). */
  fired: ConditionState[];
  resolved: ConditionState[];
  messages: AlertMessage[];
}

const MINUTE_MS = 60_000;
/** A last-message time this far ahead of the clock is not a clock drift: the time zone is wrong. */
const FUTURE_SLACK_SECONDS = 60;
/** A rebalancing run older than this no longer says anything about now. */
const REBALANCING_FRESH_MS = 30 * MINUTE_MS;

const DATA_KINDS: ReadonlySet<AlertRuleKind> = new Set(['critical_chats', 'over_capacity', 'unassigned', 'channel_down', 'partial_data', 'future_times']);

/** What `rule` sees now; null when it cannot tell (no fresh data): its conditions stay as they are. */
export function observe(rule: AlertRule, inputs: AlertInputs): Observation[] | null {
  const { data } = inputs;
  if (DATA_KINDS.has(rule.kind) && (data === null || inputs.stale)) return null;
  const teams = data?.unfiltered.byTeam ?? [];
  const team = rule.teamId === null ? null : (teams.find((entry) => entry.teamId === rule.teamId) ?? null);
  const teamSettings = rule.teamId === null ? null : (data?.rules.teams.find((entry) => entry.id === rule.teamId) ?? null);
  if (rule.teamId !== null && DATA_KINDS.has(rule.kind) && !team) return [];
  const base = { teamId: rule.teamId, subject: team?.name ?? null, link: rule.teamId ? { team: rule.teamId } : null };
  const one = (value: number, threshold: number, holds = value >= threshold): Observation[] => [{ key: rule.id, ...base, value, threshold, holds }];
  switch (rule.kind) {
    case 'critical_chats':
      return one(team ? team.overCriticalChats : data!.unfiltered.totals.overCriticalChats, rule.threshold);
    case 'over_capacity':
      return data!.unfiltered.byUser
        .filter((user) => user.userId !== UNASSIGNED_ROW_ID && user.overCapacity && (rule.teamId === null || user.teamIds.includes(rule.teamId)))
        .map((user) => ({
          key: `${rule.id}:${user.userId}`,
          teamId: rule.teamId,
          subject: user.name ?? user.userId,
          link: { user: user.userId },
          value: user.openChats,
          threshold: user.capacity ?? 0,
        }));
    case 'unassigned': {
      const channels = teamSettings ? new Set(teamSettings.channelIds) : null;
      const count = data!.dataset.chats.filter((chat) => chat.operatorId === null && (channels === null || (chat.channelId !== null && channels.has(chat.channelId)))).length;
      return one(count, rule.threshold);
    }
    case 'channel_down': {
      const channels = teamSettings ? new Set(teamSettings.channelIds) : null;
      return data!.dataset.channels
        .filter((channel) => channel.state !== null && channel.state !== 'authorized' && channel.state !== 'starting' && (channels === null || channels.has(channel.id)))
        .map((channel) => ({ key: `${rule.id}:${channel.id}`, teamId: rule.teamId, subject: channel.name ?? channel.id, link: { channel: channel.id }, value: 1, threshold: 1 }));
    }
    case 'upstream_down': {
      if (inputs.upstreamFailingSinceMs === null) return [];
      return [{ key: rule.id, teamId: null, subject: null, link: null, value: Math.floor((inputs.nowMs - inputs.upstreamFailingSinceMs) / MINUTE_MS), threshold: rule.forMinutes }];
    }
    case 'partial_data':
      return one(data!.partial?.count ?? 1, 1, !data!.complete);
    case 'future_times': {
      const minutes = Math.ceil(data!.maxFutureSeconds / 60);
      return one(minutes, rule.threshold, data!.maxFutureSeconds > FUTURE_SLACK_SECONDS && minutes >= rule.threshold);
    }
    case 'rebalancing': {
      const run = inputs.rebalancing;
      if (!run || inputs.nowMs - run.atMs > REBALANCING_FRESH_MS) return [];
      return one(run.suggested + run.moved + run.failed, rule.threshold);
    }
  }
}

/** One step: from the previous states and what each rule sees now, the next states and the messages. */
export function evaluate(rules: readonly AlertRule[], inputs: AlertInputs, previous: readonly ConditionState[], timezone: string): Evaluation {
  const now = inputs.nowMs;
  const before = new Map(previous.map((state) => [state.key, state]));
  const out: Evaluation = { states: [], changed: [], removed: [], fired: [], resolved: [], messages: [] };
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const observed = observe(rule, inputs);
    const mine = previous.filter((state) => state.ruleId === rule.id);
    if (observed === null) {
      // Cannot tell: everything of this rule stays as it was.
      for (const state of mine) {
        seen.add(state.key);
        out.states.push(state);
      }
      continue;
    }
    const quiet = inQuietHours(now, rule.quietHours, timezone);
    const holdUntil = quiet ? quietHoursEnd(now, rule.quietHours, timezone) : null;
    const measured = new Map<string, number>();
    for (const observation of observed) {
      const old = before.get(observation.key);
      if (observation.holds === false) {
        measured.set(observation.key, observation.value);
        continue;
      }
      seen.add(observation.key);
      let state: ConditionState = old
        ? { ...old, value: observation.value, threshold: observation.threshold, subject: observation.subject, link: observation.link }
        : {
            key: observation.key,
            ruleId: rule.id,
            kind: rule.kind,
            phase: 'pending',
            sinceMs: now,
            firedAtMs: null,
            eventId: null,
            notified: false,
            lastMessageAtMs: null,
            reminders: 0,
            teamId: observation.teamId,
            subject: observation.subject,
            link: observation.link,
            value: observation.value,
            threshold: observation.threshold,
          };
      if (state.phase === 'pending' && now - state.sinceMs >= rule.forMinutes * MINUTE_MS) {
        state = { ...state, phase: 'firing', firedAtMs: now };
        out.fired.push(state);
      }
      if (state.phase === 'firing') {
        if (!state.notified && !quiet) {
          state = { ...state, notified: true, lastMessageAtMs: now };
          out.messages.push({ kind: 'fired', id: 'fired', state, holdUntilMs: null });
        } else if (state.notified && !quiet && state.lastMessageAtMs !== null && now - state.lastMessageAtMs >= rule.repeatMinutes * MINUTE_MS) {
          state = { ...state, reminders: state.reminders + 1, lastMessageAtMs: now };
          out.messages.push({ kind: 'reminder', id: `reminder:${state.reminders}`, state, holdUntilMs: null });
        }
      }
      out.states.push(state);
      if (!old || JSON.stringify(old) !== JSON.stringify(state)) out.changed.push(state);
    }
    for (let state of mine) {
      if (seen.has(state.key)) continue;
      seen.add(state.key);
      out.removed.push(state.key);
      if (state.phase !== 'firing') continue;
      state = { ...state, value: measured.get(state.key) ?? (state.kind === 'channel_down' ? 0 : state.value) };
      out.resolved.push(state);
      // Only what was said is taken back; in quiet hours the message waits for their end.
      if (state.notified) out.messages.push({ kind: 'resolved', id: 'resolved', state, holdUntilMs: holdUntil });
    }
  }
  // States of rules that were removed or switched off end without a message.
  for (const state of previous) {
    if (seen.has(state.key)) continue;
    out.removed.push(state.key);
    if (state.phase === 'firing') out.resolved.push(state);
  }
  return out;
}

/** When quiet hours that hold at `atMs` end (to the minute, within a day). */
export function quietHoursEnd(atMs: number, quiet: { from: string; to: string } | null, timezone: string): number {
  let t = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
  for (let step = 0; step <= 24 * 60; step++) {
    t += MINUTE_MS;
    if (!inQuietHours(t, quiet, timezone)) return t;
  }
  return atMs;
}

/** The rules in force: the settings' own, or, when it has none and a channel is configured, the defaults. */
export function rulesInForce(rules: readonly AlertRule[] | null, anyChannel: boolean): AlertRule[] {
  if (rules !== null) return [...rules];
  return anyChannel ? DEFAULT_RULES : [];
}

/** A rule with every field at its default, for the defaults here and a new rule on the Settings page. */
export const rule = (id: string, kind: AlertRuleKind, extra: Partial<AlertRule> = {}): AlertRule => ({
  id,
  kind,
  enabled: true,
  threshold: 1,
  teamId: null,
  forMinutes: 0,
  channelIds: [],
  repeatMinutes: 60,
  quietHours: null,
  ...extra,
});

/** On by default once a channel is configured: chats past critical (1, every 60 min), wamm.chat down 3 min, a channel down. */
export const DEFAULT_RULES: AlertRule[] = [
  rule('critical-chats', 'critical_chats'),
  rule('upstream-down', 'upstream_down', { forMinutes: 3 }),
  rule('channel-down', 'channel_down'),
];
