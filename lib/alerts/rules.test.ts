import { describe, expect, it } from 'vitest';
import type { LoadData } from '@/lib/load/store';
import type { AlertRule } from '@/lib/settings/schema';
import { DEFAULT_RULES, evaluate, quietHoursEnd, rulesInForce, type AlertInputs, type ConditionState } from './rules';

// Rule evaluation on a fake clock: a pure step from the data, the rules, the previous states and
// the time to the next states and the messages.

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0); // 12:00 in Moscow
const TZ = 'Europe/Moscow';

const rule = (extra: Partial<AlertRule> & Pick<AlertRule, 'id' | 'kind'>): AlertRule => ({
  enabled: true,
  threshold: 1,
  teamId: null,
  forMinutes: 0,
  channelIds: [],
  repeatMinutes: 60,
  quietHours: null,
  ...extra,
});

interface World {
  critical?: number;
  byTeam?: Array<{ teamId: string; name: string; overCriticalChats: number }>;
  overCapacity?: Array<{ userId: string; name: string; openChats: number; capacity: number; teamIds?: string[] }>;
  channels?: Array<{ id: string; name: string; state: string }>;
  complete?: boolean;
  maxFutureSeconds?: number;
}

function data(world: World): LoadData {
  return {
    dataset: { asOfMs: T0, chats: [], operators: [], channels: (world.channels ?? []).map((c) => ({ ...c, type: 'whatsapp' })) },
    complete: world.complete ?? true,
    partialReason: null,
    partial: null,
    partialOperators: [],
    maxFutureSeconds: world.maxFutureSeconds ?? 0,
    rules: { teams: [] },
    rulesRevision: 1,
    unfiltered: {
      totals: { overCriticalChats: world.critical ?? 0 },
      byTeam: world.byTeam ?? [],
      byUser: (world.overCapacity ?? []).map((user) => ({ ...user, overCapacity: true, teamIds: user.teamIds ?? [] })),
      byChannel: [],
      ageBuckets: [],
    },
  } as unknown as LoadData;
}

const inputs = (world: World, nowMs: number, extra: Partial<AlertInputs> = {}): AlertInputs => ({ data: data(world), stale: false, upstreamFailingSinceMs: null, rebalancing: null, nowMs, ...extra });

/** Runs the rules over a timeline, carrying the states; returns every message in order. */
function run(rules: AlertRule[], timeline: Array<[minute: number, world: World, extra?: Partial<AlertInputs>]>) {
  let states: ConditionState[] = [];
  const messages: Array<{ minute: number; kind: string; id: string; value: number; holdUntilMs: number | null }> = [];
  for (const [minute, world, extra] of timeline) {
    const step = evaluate(rules, inputs(world, T0 + minute * MINUTE, extra), states, TZ);
    // The caller records the event: give fired states an id as the service does.
    states = step.states.map((state) => (state.eventId === null && state.phase === 'firing' ? { ...state, eventId: `event-${minute}` } : state));
    for (const message of step.messages) messages.push({ minute, kind: message.kind, id: message.id, value: message.state.value, holdUntilMs: message.holdUntilMs });
  }
  return { states, messages };
}

describe('alert rule evaluation', () => {
  it('waits forMinutes in pending, fires once, reminds every repeatMinutes, resolves once', () => {
    const rules = [rule({ id: 'critical', kind: 'critical_chats', threshold: 2, forMinutes: 5, repeatMinutes: 60 })];
    const { messages, states } = run(rules, [
      [0, { critical: 3 }],
      [4, { critical: 3 }],
      [5, { critical: 4 }],
      [6, { critical: 4 }],
      [64, { critical: 4 }],
      [65, { critical: 5 }],
      [125, { critical: 5 }],
      [126, { critical: 1 }],
      [127, { critical: 0 }],
    ]);
    expect(messages).toEqual([
      { minute: 5, kind: 'fired', id: 'fired', value: 4, holdUntilMs: null },
      { minute: 65, kind: 'reminder', id: 'reminder:1', value: 5, holdUntilMs: null },
      { minute: 125, kind: 'reminder', id: 'reminder:2', value: 5, holdUntilMs: null },
      { minute: 126, kind: 'resolved', id: 'resolved', value: 1, holdUntilMs: null },
    ]);
    expect(states).toEqual([]);
  });

  it('forgets a condition that ends before forMinutes, without a word', () => {
    const rules = [rule({ id: 'critical', kind: 'critical_chats', forMinutes: 10 })];
    const { messages, states } = run(rules, [
      [0, { critical: 2 }],
      [9, { critical: 2 }],
      [10, { critical: 0 }],
      [11, { critical: 2 }],
    ]);
    expect(messages).toEqual([]);
    expect(states).toEqual([expect.objectContaining({ phase: 'pending', sinceMs: T0 + 11 * MINUTE })]);
  });

  it('holds messages in quiet hours, not the state: fires in them, speaks at their end; a reminder is skipped', () => {
    // 12:00–13:00 in Moscow are quiet.
    const quietHours = { from: '12:00', to: '13:00' };
    const rules = [rule({ id: 'critical', kind: 'critical_chats', quietHours, repeatMinutes: 30 })];
    const quiet = run(rules, [
      [0, { critical: 1 }],
      [30, { critical: 1 }],
      [60, { critical: 1 }],
      [80, { critical: 1 }],
      [90, { critical: 1 }],
    ]);
    expect(quiet.states[0]).toMatchObject({ phase: 'firing', firedAtMs: T0 });
    expect(quiet.messages.map((m) => [m.minute, m.id])).toEqual([
      [60, 'fired'],
      [90, 'reminder:1'],
    ]);
    // Fired and over within the quiet hours: nothing was said, so nothing is taken back.
    expect(run(rules, [[0, { critical: 1 }], [20, { critical: 0 }]]).messages).toEqual([]);
    // Said before, resolved within them: the resolution waits for their end.
    const before = run([rule({ id: 'critical', kind: 'critical_chats', quietHours: { from: '12:30', to: '13:00' } })], [[0, { critical: 1 }], [40, { critical: 0 }]]);
    expect(before.messages.map((m) => [m.minute, m.id, m.holdUntilMs])).toEqual([
      [0, 'fired', null],
      [40, 'resolved', T0 + 60 * MINUTE],
    ]);
    expect(quietHoursEnd(T0 + 5 * MINUTE, quietHours, TZ)).toBe(T0 + 60 * MINUTE);
  });

  it('keeps every state while the data is stale or missing: old numbers neither fire nor resolve', () => {
    const rules = [rule({ id: 'critical', kind: 'critical_chats' })];
    const { messages, states } = run(rules, [
      [0, { critical: 1 }],
      [5, { critical: 0 }, { stale: true }],
      [6, {}, { data: null }],
    ]);
    expect(messages.map((m) => m.id)).toEqual(['fired']);
    expect(states).toHaveLength(1);
  });

  it('watches each operator over capacity and each channel down on its own, for a team or everyone', () => {
    const rules = [rule({ id: 'over', kind: 'over_capacity', forMinutes: 10, teamId: 'support' }), rule({ id: 'channels', kind: 'channel_down' })];
    const world: World = {
      overCapacity: [
        { userId: '8101', name: 'Anna', openChats: 12, capacity: 10, teamIds: ['support'] },
        { userId: '8102', name: 'Boris', openChats: 15, capacity: 10, teamIds: ['sales'] },
      ],
      byTeam: [{ teamId: 'support', name: 'Support', overCriticalChats: 0 }],
      channels: [
        { id: '1', name: 'WhatsApp main', state: 'authorized' },
        { id: '2', name: 'Telegram bot', state: 'blocked' },
      ],
    };
    const { messages, states } = run(rules, [
      [0, world],
      [10, world],
    ]);
    expect(states.map((s) => [s.key, s.phase, s.subject])).toEqual([
      ['over:8101', 'firing', 'Anna'],
      ['channels:2', 'firing', 'Telegram bot'],
    ]);
    expect(messages.map((m) => [m.minute, m.id])).toEqual([
      [0, 'fired'],
      [10, 'fired'],
    ]);
  });

  it('wamm.chat not answering: pending until forMinutes, resolved when it answers again', () => {
    const rules = [rule({ id: 'upstream', kind: 'upstream_down', forMinutes: 3 })];
    const down = { upstreamFailingSinceMs: T0, stale: true };
    const { messages } = run(rules, [
      [0, {}, down],
      [2, {}, down],
      [3, {}, down],
      [4, {}],
    ]);
    expect(messages.map((m) => [m.minute, m.id, m.value])).toEqual([
      [3, 'fired', 3],
      [4, 'resolved', 3],
    ]);
  });

  it('future last-message times, partial data and rebalancing results each fire their own rule', () => {
    const rules = [rule({ id: 'future', kind: 'future_times', threshold: 30 }), rule({ id: 'partial', kind: 'partial_data' }), rule({ id: 'rebalancing', kind: 'rebalancing', threshold: 2 })];
    const step = evaluate(rules, inputs({ maxFutureSeconds: 3 * 3600, complete: false }, T0, { rebalancing: { atMs: T0 - MINUTE, suggested: 0, moved: 1, failed: 1 } }), [], TZ);
    expect(step.messages.map((m) => [m.state.ruleId, m.state.value])).toEqual([
      ['future', 180],
      ['partial', 1],
      ['rebalancing', 2],
    ]);
    expect(evaluate(rules, inputs({ maxFutureSeconds: 50 }, T0), [], TZ).messages).toEqual([]);
  });

  it('ends the states of a rule switched off or removed, without a message', () => {
    const on = [rule({ id: 'critical', kind: 'critical_chats' })];
    const first = evaluate(on, inputs({ critical: 1 }, T0), [], TZ);
    const off = evaluate([{ ...on[0]!, enabled: false }], inputs({ critical: 1 }, T0 + MINUTE), first.states, TZ);
    expect(off.messages).toEqual([]);
    expect(off.removed).toEqual(['critical']);
  });

  it('turns the default rules on only once a channel is configured and the settings have none', () => {
    expect(rulesInForce(null, false)).toEqual([]);
    expect(rulesInForce(null, true)).toEqual(DEFAULT_RULES);
    expect(DEFAULT_RULES.map((r) => [r.kind, r.threshold, r.forMinutes, r.repeatMinutes])).toEqual([
      ['critical_chats', 1, 0, 60],
      ['upstream_down', 1, 3, 60],
      ['channel_down', 1, 0, 60],
    ]);
    expect(rulesInForce([], true)).toEqual([]);
  });
});
