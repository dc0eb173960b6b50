// The rebalancing planner's tests: each rule and each never-rule on small hand-made teams, then properties
// over random teams checked against the rules as written in planner-reference.ts and its exhaustive search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareChats, type LoadChat } from '@/lib/load/aggregate';
import { capacityOf, type LoadRules } from '@/lib/load/rules';
import type { OpenChat, Operator } from '@/lib/model/team';
import { DEFAULT_SETTINGS, type TeamSettings } from '@/lib/settings/schema';
import { openChat, operator } from '@/tests/support/team';
import { plan } from './planner';
import { RuleBook, searchPlans } from './planner-reference';
import type { BalancingSettings, Plan, PlannerInput } from './types';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** criticalMinutes 15 + waitingTooLongMinutes 30, in seconds. */
const TOO_LONG = 45 * 60;

interface Case {
  operators: Operator[];
  teams: TeamSettings[];
  chats: OpenChat[];
  capacity?: { default?: number | null; operators?: Record<string, number | null> };
  balancing?: Partial<Omit<BalancingSettings, 'rules'>> & { rules?: Partial<BalancingSettings['rules']> };
  teamId?: string | null;
  partial?: string[] | 'all';
  lastMovedAtMs?: Record<string, number>;
  lastReceivedAtMs?: Record<string, number>;
  unassignable?: string[];
}

function rulesOf(c: Case): LoadRules {
  return {
    teams: c.teams,
    capacity: { default: c.capacity?.default ?? null, operators: c.capacity?.operators ?? {} },
    thresholds: { warningMinutes: 5, criticalMinutes: 15 },
    availability: { awayAfterMinutes: 30 },
  };
}

function inputOf(c: Case): PlannerInput {
  const defaults = DEFAULT_SETTINGS.balancing;
  return {
    asOfMs: NOW,
    chats: prepareChats(c.chats, NOW).chats,
    operators: c.operators,
    rules: rulesOf(c),
    balancing: { ...defaults, ...c.balancing, rules: { ...defaults.rules, ...c.balancing?.rules } },
    teamId: c.teamId ?? null,
    partialOperatorIds: c.partial === 'all' ? 'all' : new Set(c.partial ?? []),
    lastMovedAtMs: new Map(Object.entries(c.lastMovedAtMs ?? {})),
    lastReceivedAtMs: new Map(Object.entries(c.lastReceivedAtMs ?? {})),
    unassignable: new Set(c.unassignable ?? []),
  };
}

const run = (c: Case): Plan => plan(inputOf(c));
/** An operator active a minute ago. */
const here = (id: string, flags: Partial<Operator> = {}) => operator(id, `op ${id}`, { lastActiveMs: NOW - MINUTE, ...flags });
const team = (id: string, operatorIds: string[], channelIds: string[]): TeamSettings => ({ id, name: id, operatorIds, channelIds });
const chat = (chatId: string, operatorId: string, channelId: string, ageSeconds: number | null, extra: Partial<OpenChat> = {}) =>
  openChat(chatId, operatorId, channelId, ageSeconds, NOW, extra);
/** `count` chats of one operator on one channel, named prefix1…, each a minute older than the one before. */
const chatsOf = (prefix: string, operatorId: string, channelId: string, count: number) =>
  Array.from({ length: count }, (_, i) => chat(`${prefix}${i + 1}`, operatorId, channelId, 60 * (i + 1)));
const moved = (p: Plan) => p.moves.map((m) => `${m.chatId}>${m.toOperatorId}`);

describe('unassigned chats', () => {
  const support = team('support', ['1', '2', '3'], ['100']);
  const sales = team('sales', ['4'], ['200']);

  it('go to the available operator of a team serving the channel with the most spare capacity in proportion', () => {
    const result = run({
      operators: [here('1'), here('2'), operator('3', 'away', { lastActiveMs: NOW - 2 * HOUR }), here('4')],
      teams: [support, sales],
      capacity: { default: 10, operators: { '2': 4 } },
      // 1 holds 5 of 10 (0.5 spare), 2 holds 1 of 4 (0.75 spare); 3 is away; 4 is idle but serves another channel.
      chats: [...chatsOf('a', '1', '100', 5), chat('b1', '2', '100', 60), chat('u', '0', '100', 600)],
    });
    expect(result).toEqual({ moves: [{ chatId: 'u', fromOperatorId: null, toOperatorId: '2', reason: 'unassigned' }], notPlaced: [] });
  });

  it('on a channel no team serves, or with no channel, are said to have no team', () => {
    const result = run({ operators: [here('1')], teams: [support], chats: [chat('u', '0', '300', 60), chat('v', '0', '', 60)] });
    expect(result.moves).toEqual([]);
    expect(result.notPlaced).toEqual([
      { chatId: 'u', reason: 'no_team', wanted: 'unassigned' },
      { chatId: 'v', reason: 'no_team', wanted: 'unassigned' },
    ]);
  });

  it('may go to any team that serves the channel', () => {
    const result = run({ operators: [here('1'), here('4')], teams: [team('a', ['1'], ['100']), team('b', ['4'], ['100'])], capacity: { default: 2 }, chats: [chat('x', '1', '100', 60), chat('u', '0', '100', 60)] });
    expect(moved(result)).toEqual(['u>4']);
  });

  it('stay unassigned when the rule is off', () => {
    expect(run({ operators: [here('1')], teams: [support], chats: [chat('u', '0', '100', 60)], balancing: { rules: { unassigned: false } } })).toEqual({ moves: [], notPlaced: [] });
  });
});

describe('chats of operators who are gone', () => {
  const operators = [
    here('1', { locked: true }),
    here('2', { deleted: true }),
    operator('3', 'away', { lastActiveMs: NOW - 31 * MINUTE }),
    operator('4', 'never seen active', { lastActiveMs: null }),
    here('5'),
    here('6'),
  ];
  const teams = [team('support', ['1', '2', '3', '4', '5', '9'], ['100']), team('other', ['6'], ['200'])];

  it('go to an available colleague of the same team, each with the reason of its operator', () => {
    const result = run({
      operators,
      teams,
      chats: [chat('l', '1', '100', 500), chat('d', '2', '100', 400), chat('a', '3', '100', 300), chat('n', '4', '100', 200), chat('u', '9', '100', 100)],
    });
    expect(result.moves).toEqual([
      { chatId: 'l', fromOperatorId: '1', toOperatorId: '5', reason: 'operator_locked' },
      { chatId: 'd', fromOperatorId: '2', toOperatorId: '5', reason: 'operator_deleted' },
      { chatId: 'a', fromOperatorId: '3', toOperatorId: '5', reason: 'operator_away' },
      { chatId: 'n', fromOperatorId: '4', toOperatorId: '5', reason: 'operator_away' },
      { chatId: 'u', fromOperatorId: '9', toOperatorId: '5', reason: 'operator_unknown' },
    ]);
    expect(result.notPlaced).toEqual([]);
  });

  it('name the deleted before the locked when an operator is both', () => {
    const result = run({ operators: [here('1', { locked: true, deleted: true }), here('5')], teams, chats: [chat('x', '1', '100', 60)] });
    expect(result.moves[0]?.reason).toBe('operator_deleted');
  });

  it('of an operator in no team are said to have no team; with the rule off they stay', () => {
    const result = run({ operators: [here('7', { locked: true }), here('5')], teams, chats: [chat('x', '7', '100', 60)] });
    expect(result).toEqual({ moves: [], notPlaced: [{ chatId: 'x', reason: 'no_team', wanted: 'operator_locked' }] });
    expect(run({ operators, teams, chats: [chat('x', '1', '100', 60)], balancing: { rules: { awayOperators: false } } })).toEqual({ moves: [], notPlaced: [] });
  });

  it('have no room when no colleague of their team is available, even with an idle operator in another team', () => {
    const result = run({ operators: [here('1', { locked: true }), here('6')], teams, chats: [chat('x', '1', '100', 60)] });
    expect(result).toEqual({ moves: [], notPlaced: [{ chatId: 'x', reason: 'no_room', wanted: 'operator_locked' }] });
  });
});

describe('operators over capacity', () => {
  const teams = [team('support', ['1', '2', '3'], ['100'])];

  it('give up exactly the excess, newest chats first', () => {
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { default: 2, operators: { '2': 10 } }, chats: chatsOf('a', '1', '100', 5) });
    expect(result.moves).toEqual(['a1', 'a2', 'a3'].map((chatId) => ({ chatId, fromOperatorId: '1', toOperatorId: '2', reason: 'over_capacity' })));
    expect(result.notPlaced).toEqual([]);
  });

  it('count every chat of the operator, also those on channels of no team', () => {
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { default: 2 }, chats: [chat('a', '1', '100', 60), chat('b', '1', '100', 120), chat('c', '1', '999', 30)] });
    expect(moved(result)).toEqual(['c>2']);
  });

  it('say the excess that finds no room, one entry per chat over capacity', () => {
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { default: 3 }, chats: [...chatsOf('a', '1', '100', 6), ...chatsOf('b', '2', '100', 2)] });
    expect(moved(result)).toEqual(['a1>2']);
    expect(result.notPlaced).toEqual([
      { chatId: 'a2', reason: 'no_room', wanted: 'over_capacity' },
      { chatId: 'a3', reason: 'no_room', wanted: 'over_capacity' },
    ]);
  });

  it('share scarce room, most over capacity in proportion first, then the larger excess', () => {
    // 1 holds 3 of 2 and 2 holds 6 of 4 (both ×1.5; 2 is over by more); 3 has room for two.
    const result = run({
      operators: [here('1'), here('2'), here('3')],
      teams,
      capacity: { operators: { '1': 2, '2': 4, '3': 2 } },
      chats: [...chatsOf('a', '1', '100', 3), ...chatsOf('b', '2', '100', 6)],
    });
    // 2 gives b1 (now ×1.25), then 1 gives a1 and is done; 3 is full before 2 is.
    expect(moved(result)).toEqual(['b1>3', 'a1>3']);
    expect(result.notPlaced).toEqual([{ chatId: 'b2', reason: 'no_room', wanted: 'over_capacity' }]);
  });

  it('count group chats in the load but move personal chats for the excess; the groups left are said', () => {
    const groups = [chat('g1', '1', '100', 10, { group: true }), chat('g2', '1', '100', 20, { group: true })];
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { default: 1, operators: { '2': 10 } }, chats: [...groups, chat('p', '1', '100', 500)] });
    expect(moved(result)).toEqual(['p>2']);
    expect(result.notPlaced).toEqual([{ chatId: 'g1', reason: 'group_chat', wanted: 'over_capacity' }]);
  });

  it('never count an operator without a limit as over capacity', () => {
    expect(run({ operators: [here('1'), here('2')], teams, capacity: { default: 1, operators: { '1': null } }, chats: chatsOf('a', '1', '100', 5) })).toEqual({ moves: [], notPlaced: [] });
  });

  it('stay when the rule is off', () => {
    expect(run({ operators: [here('1'), here('2')], teams, capacity: { default: 1 }, chats: chatsOf('a', '1', '100', 3), balancing: { rules: { overCapacity: false } } }).moves).toEqual([]);
  });
});

describe('chats waiting too long', () => {
  const teams = [team('support', ['1', '2', '3'], ['100'])];
  const on = { rules: { waitingTooLong: true } };

  it('are left alone by default', () => {
    expect(run({ operators: [here('1'), here('2')], teams, chats: [chat('w', '1', '100', 10 * 3600)] })).toEqual({ moves: [], notPlaced: [] });
  });

  it('move to a colleague with room from criticalMinutes + waitingTooLongMinutes on, not a second sooner', () => {
    const result = run({ operators: [here('1'), here('2')], teams, balancing: on, chats: [chat('w', '1', '100', TOO_LONG), chat('y', '1', '100', TOO_LONG - 1)] });
    expect(result).toEqual({ moves: [{ chatId: 'w', fromOperatorId: '1', toOperatorId: '2', reason: 'waiting_too_long' }], notPlaced: [] });
  });

  it('never go back to their own operator, even when only that operator has room', () => {
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { operators: { '2': 1 } }, balancing: on, chats: [chat('w', '1', '100', TOO_LONG), chat('b', '2', '100', 60)] });
    expect(result).toEqual({ moves: [], notPlaced: [{ chatId: 'w', reason: 'no_room', wanted: 'waiting_too_long' }] });
  });

  it('move once: a chat moved since its last message is not moved again, whatever noRepeatHours says', () => {
    const result = run({
      operators: [here('1'), here('2')],
      teams,
      balancing: { ...on, noRepeatHours: 1 },
      chats: [chat('w', '1', '100', 3 * 3600), chat('v', '1', '100', 3 * 3600)],
      // w was moved two hours ago, during its current wait; v before its last message.
      lastMovedAtMs: { w: NOW - 2 * HOUR, v: NOW - 4 * HOUR },
    });
    expect(moved(result)).toEqual(['v>2']);
    expect(result.notPlaced).toEqual([{ chatId: 'w', reason: 'moved_recently', wanted: 'waiting_too_long' }]);
  });

  it('count towards their operator excess: one move, not two', () => {
    const result = run({
      operators: [here('1'), here('2')],
      teams,
      capacity: { default: 2, operators: { '2': 10 } },
      balancing: on,
      chats: [chat('w', '1', '100', TOO_LONG + 60), chat('a', '1', '100', 60), chat('b', '1', '100', 120)],
    });
    expect(result.moves).toEqual([{ chatId: 'w', fromOperatorId: '1', toOperatorId: '2', reason: 'waiting_too_long' }]);
  });

  it('leave room behind that a chat found no room for takes on a second pass', () => {
    // Channel 100 is served by 2 alone, who is full until the waiting chat goes to 3 (2 is also in team b).
    const result = run({
      operators: [here('2'), here('3')],
      teams: [team('a', ['2'], ['100']), team('b', ['2', '3'], ['200'])],
      capacity: { default: 1 },
      balancing: on,
      chats: [chat('u', '0', '100', 5 * 3600), chat('w', '2', '200', TOO_LONG)],
    });
    expect(moved(result)).toEqual(['w>3', 'u>2']);
    expect(result.notPlaced).toEqual([]);
  });
});

describe('who receives', () => {
  const teams = [team('support', ['1', '2', '3'], ['100'])];

  it('on a tie of spare capacity, whoever received a chat least recently, never first, then the lower id', () => {
    const operators = [here('1'), here('2'), here('3')];
    const base = { operators, teams, capacity: { default: 4 }, chats: [chat('u', '0', '100', 60)] };
    expect(moved(run({ ...base, lastReceivedAtMs: { '1': NOW - HOUR, '2': NOW - 2 * HOUR, '3': NOW - 3 * MINUTE } }))).toEqual(['u>2']);
    expect(moved(run({ ...base, lastReceivedAtMs: { '1': NOW - HOUR, '3': NOW - 3 * MINUTE } }))).toEqual(['u>2']);
    expect(moved(run(base))).toEqual(['u>1']);
  });

  it('counts a chat given in this plan as received now', () => {
    // 1 starts with 0 of 2 and takes the first chat; then 1 (1 of 2) and 2 (2 of 4) tie: 2 has not received yet.
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { operators: { '1': 2, '2': 4 } }, chats: [...chatsOf('b', '2', '100', 2), chat('u', '0', '100', 120), chat('v', '0', '100', 60)] });
    expect(moved(result)).toEqual(['u>1', 'v>2']);
  });

  it('ranks an operator without a limit as if its capacity were the largest finite capacity among the candidates', () => {
    const operators = [here('1'), here('2'), here('3')];
    const capacity = { default: 10, operators: { '1': null, '3': 4 } };
    // Counted at 10: 1 with 6 chats has 0.4 spare, 2 with 5 has 0.5, 3 with 1 of 4 has 0.75.
    const busy = run({ operators, teams, capacity, chats: [...chatsOf('a', '1', '100', 6), ...chatsOf('b', '2', '100', 5), chat('c', '3', '100', 60), chat('u', '0', '100', 60)] });
    expect(moved(busy)).toEqual(['u>3']);
    // With 1 chat of 10, 1 has 0.9 spare.
    const idle = run({ operators, teams, capacity, chats: [chat('a1', '1', '100', 60), ...chatsOf('b', '2', '100', 5), chat('c', '3', '100', 60), chat('u', '0', '100', 60)] });
    expect(moved(idle)).toEqual(['u>1']);
    // Nobody has a limit: fewest chats.
    const open = run({ operators, teams, chats: [chat('a1', '1', '100', 60), chat('a2', '1', '100', 60), chat('c', '3', '100', 60), chat('u', '0', '100', 60)] });
    expect(moved(open)).toEqual(['u>2']);
  });

  it('fills up as the plan goes', () => {
    const result = run({ operators: [here('1'), here('2')], teams, capacity: { operators: { '1': 1, '2': 1 } }, chats: [chat('u', '0', '100', 300), chat('v', '0', '100', 200), chat('w', '0', '100', 100)] });
    expect(moved(result)).toEqual(['u>1', 'v>2']);
    expect(result.notPlaced).toEqual([{ chatId: 'w', reason: 'no_room', wanted: 'unassigned' }]);
  });

  it('is never locked, deleted, away, unknown, excluded, out of the team or with partial numbers', () => {
    const result = run({
      operators: [here('1', { locked: true }), here('2', { deleted: true }), operator('3', 'away', { lastActiveMs: NOW - HOUR }), here('4'), here('5'), here('6')],
      teams: [team('support', ['1', '2', '3', '4', '5', '9'], ['100']), team('other', ['6'], ['200'])],
      balancing: { excludedOperatorIds: ['4'] },
      partial: ['5'],
      chats: [chat('u', '0', '100', 60)],
    });
    expect(result).toEqual({ moves: [], notPlaced: [{ chatId: 'u', reason: 'partial_data', wanted: 'unassigned' }] });
  });
});

describe('never moved', () => {
  const teams = [team('support', ['1', '2', '3'], ['100'])];
  const operators = [here('1', { locked: true }), here('2'), here('3')];

  it('a group chat', () => {
    expect(run({ operators, teams, chats: [chat('g', '0', '100', 60, { group: true }), chat('h', '1', '100', 60, { group: true })] }).notPlaced).toEqual([
      { chatId: 'g', reason: 'group_chat', wanted: 'unassigned' },
      { chatId: 'h', reason: 'group_chat', wanted: 'operator_locked' },
    ]);
  });

  it('a chat wamm.chat refused before', () => {
    expect(run({ operators, teams, chats: [chat('x', '1', '100', 60)], unassignable: ['x'] })).toEqual({ moves: [], notPlaced: [{ chatId: 'x', reason: 'cannot_be_assigned', wanted: 'operator_locked' }] });
  });

  it('a chat moved within noRepeatHours; one moved just before the window is moved again', () => {
    const result = run({ operators, teams, balancing: { noRepeatHours: 4 }, chats: [chat('x', '1', '100', 60), chat('y', '1', '100', 60)], lastMovedAtMs: { x: NOW - 4 * HOUR + 1, y: NOW - 4 * HOUR } });
    expect(moved(result)).toEqual(['y>2']);
    expect(result.notPlaced).toEqual([{ chatId: 'x', reason: 'moved_recently', wanted: 'operator_locked' }]);
  });

  it('a chat of an operator whose numbers are partial, and nothing at all when every operator is', () => {
    const chats = [chat('x', '1', '100', 60), chat('u', '0', '100', 30)];
    expect(run({ operators, teams, chats, partial: ['1'] })).toEqual({
      moves: [{ chatId: 'u', fromOperatorId: null, toOperatorId: '2', reason: 'unassigned' }],
      notPlaced: [{ chatId: 'x', reason: 'partial_data', wanted: 'operator_locked' }],
    });
    expect(run({ operators, teams, chats, partial: ['2'] }).moves.map((m) => m.toOperatorId)).toEqual(['3', '3']);
    expect(run({ operators, teams, chats, partial: 'all' })).toEqual({
      moves: [],
      notPlaced: [
        { chatId: 'x', reason: 'partial_data', wanted: 'operator_locked' },
        { chatId: 'u', reason: 'partial_data', wanted: 'unassigned' },
      ],
    });
  });

  it('a chat of an excluded operator, away or over capacity; and an excluded operator never receives', () => {
    const result = run({
      operators: [here('1', { locked: true }), here('2'), here('3')],
      teams,
      capacity: { default: 1 },
      balancing: { excludedOperatorIds: ['1', '3'] },
      chats: [chat('x', '1', '100', 60), chat('y', '1', '100', 60), chat('u', '0', '100', 60), chat('v', '0', '100', 60)],
    });
    expect(moved(result)).toEqual(['u>2']);
    expect(result.notPlaced).toEqual([{ chatId: 'v', reason: 'no_room', wanted: 'unassigned' }]);
  });
});

describe('the order of the rules', () => {
  const teams = [team('support', ['1', '2', '3', '4', '5'], ['100'])];

  it('gives scarce room to unassigned chats, then chats of gone operators, then long waits, then the excess', () => {
    const operators = [here('1'), here('2', { deleted: true }), here('3'), here('5')];
    const base: Case = {
      operators,
      teams,
      capacity: { default: 10, operators: { '1': 1, '5': 1 } },
      balancing: { rules: { waitingTooLong: true } },
      chats: [chat('e1', '1', '100', 10), chat('e2', '1', '100', 20), chat('w', '3', '100', TOO_LONG), chat('d', '2', '100', 30), chat('u', '0', '100', 10)],
    };
    // 5 is the only one with room (3 holds the waiting chat and cannot take it back).
    expect(moved(run({ ...base, capacity: { default: 1, operators: { '3': 1 } } }))).toEqual(['u>5']);
    const noUnassigned = { ...base, chats: base.chats.filter((c) => c.chatId !== 'u'), capacity: { default: 1 } };
    expect(moved(run(noUnassigned))).toEqual(['d>5']);
    const onlyLate = { ...noUnassigned, chats: noUnassigned.chats.filter((c) => c.chatId !== 'd') };
    // The waiting chat leaves room on 3, which then takes the excess of 1 (its newest chat).
    expect(moved(run(onlyLate))).toEqual(['w>5', 'e1>3']);
  });

  it('within a rule, the longest-waiting chat first', () => {
    const result = run({ operators: [here('1')], teams, capacity: { default: 1 }, chats: [chat('u', '0', '100', 60), chat('v', '0', '100', 3600), chat('n', '0', '100', null)] });
    expect(moved(result)).toEqual(['v>1']);
    expect(result.notPlaced.map((n) => n.chatId)).toEqual(['u', 'n']);
  });
});

describe('within one team (teamId)', () => {
  const teams = [team('a', ['1', '2'], ['100']), team('b', ['1', '3'], ['200'])];
  const operators = [here('1', { locked: true }), here('2'), here('3')];

  it("moves only that team's chats, to that team's operators", () => {
    const chats = [chat('u', '0', '200', 90), chat('v', '0', '100', 60), chat('x', '1', '100', 30)];
    const capacity = { default: 5, operators: { '2': 1, '3': 2 } };
    // Team a: u is on b's channel; x (of 1, in both teams) may go to a's operators only.
    const within = run({ operators, teams, chats, capacity, teamId: 'a' });
    expect(moved(within)).toEqual(['v>2']);
    expect(within.notPlaced).toEqual([{ chatId: 'x', reason: 'no_room', wanted: 'operator_locked' }]);
    // Across every team, x may go to 3 as well.
    expect(moved(run({ operators, teams, chats, capacity }))).toEqual(['u>3', 'v>2', 'x>3']);
  });

  it('moves nothing for a team that does not exist', () => {
    expect(run({ operators, teams, chats: [chat('x', '1', '100', 60)], teamId: 'nope' })).toEqual({ moves: [], notPlaced: [] });
  });
});

// Properties over random teams.

const IDS = ['1', '2', '3', '4', '5', '6'];
const CHANNELS = ['100', '200', '300'];

interface Shape {
  operators: number;
  chats: number;
  teams: number;
  /** Largest finite capacity drawn: small enough that operators fill up and go over. */
  capacity: number;
}

/** True with this probability (percent), shrinking towards false. */
const chance = (percent: number) => fc.integer({ min: 0, max: 99 }).map((n) => n >= 100 - percent);

function arbitraryCase(shape: Shape): fc.Arbitrary<Case> {
  const ids = IDS.slice(0, shape.operators);
  // '9' is named in teams and on chats but missing from the operator list.
  const someId = fc.constantFrom(...ids, '9');
  const minutesAgo = (most: number) => fc.integer({ min: 0, max: most }).map((m) => NOW - m * MINUTE);
  const anOperator = (id: string) =>
    fc
      .record({
        locked: chance(8),
        deleted: chance(8),
        // Mostly active within awayAfterMinutes (30); some away; some never seen active.
        lastActiveMs: fc.oneof({ weight: 8, arbitrary: minutesAgo(30) }, { weight: 2, arbitrary: minutesAgo(240) }, { weight: 1, arbitrary: fc.constant(null) }),
      })
      .map((flags) => operator(id, `op ${id}`, flags));
  const operators = fc.tuple(...ids.map((id) => fc.option(anOperator(id), { freq: 6 }))).map((list) => list.filter((o): o is Operator => o !== null));
  const capacityValue = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.integer({ min: 0, max: shape.capacity }) });
  // Every operator may have their own figure, so that one is over while a colleague has room.
  const own = fc.tuple(...[...ids, '9'].map((id) => fc.option(capacityValue.map((value) => [id, value] as const), { freq: 3 })));
  const capacity = fc.record({ default: capacityValue, operators: own.map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== null))) });
  // Dense teams that overlap: each operator and each served channel in a team with even odds or better.
  const pick = (from: readonly string[], percent: number) => fc.tuple(...from.map(() => chance(percent))).map((flags) => from.filter((_, i) => flags[i]));
  const teams = fc
    .array(fc.record({ operatorIds: pick([...ids, '9'], 60), channelIds: pick(CHANNELS.slice(0, 2), 60) }), { minLength: 1, maxLength: shape.teams, size: 'max' })
    .map((list) => list.map((t, i) => team(`t${i}`, t.operatorIds, t.channelIds)));
  const aChat = fc.record({
    // Unassigned, or an operator, the first one busier than the others.
    operatorId: fc.oneof({ weight: 2, arbitrary: fc.constant('0') }, { weight: 3, arbitrary: fc.constant('1') }, { weight: 5, arbitrary: someId }),
    // 300 is served by no team; '' is no channel.
    channelId: fc.constantFrom('100', '100', '200', '200', '300', ''),
    ageSeconds: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 4 * 3600 }) }, { weight: 1, arbitrary: fc.constantFrom(TOO_LONG - 1, TOO_LONG, null) }),
    group: chance(10),
    unassignable: chance(8),
    lastMovedMinutesAgo: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 600 }) }),
  });
  // size 'max': lengths spread over the whole range, not fast-check's default of mostly short arrays.
  const chats = fc.array(aChat, { maxLength: shape.chats, size: 'max' });
  const rule = chance(75);
  const balancing = fc.record({
    rules: fc.record({ unassigned: rule, awayOperators: rule, overCapacity: rule, waitingTooLong: chance(50), waitingTooLongMinutes: fc.integer({ min: 1, max: 60 }) }),
    excludedOperatorIds: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(ids, { maxLength: 2 }) }),
    noRepeatHours: fc.integer({ min: 0, max: 5 }),
  });
  const partial = fc.oneof({ weight: 15, arbitrary: fc.constant<string[]>([]) }, { weight: 4, arbitrary: fc.subarray(ids, { maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant<'all'>('all') });
  const received = fc.dictionary(fc.constantFrom(...ids), minutesAgo(300), { maxKeys: ids.length });
  // Mostly every team; sometimes one of them; now and then a team id that does not exist.
  const teamPick = fc.oneof({ weight: 10, arbitrary: fc.constant(-1) }, { weight: 8, arbitrary: fc.nat({ max: shape.teams - 1 }) }, { weight: 1, arbitrary: fc.constant(-2) });
  return fc.record({ operators, capacity, teams, chats, balancing, partial, received, teamPick }).map(({ operators, capacity, teams, chats, balancing, partial, received, teamPick }): Case => {
    const lastMovedAtMs: Record<string, number> = {};
    const unassignable: string[] = [];
    const open = chats.map((c, i) => {
      const chatId = `c${i}`;
      if (c.lastMovedMinutesAgo !== null) lastMovedAtMs[chatId] = NOW - c.lastMovedMinutesAgo * MINUTE;
      if (c.unassignable) unassignable.push(chatId);
      return chat(chatId, c.operatorId, c.channelId, c.ageSeconds, { group: c.group });
    });
    return {
      operators,
      teams,
      capacity,
      chats: open,
      balancing,
      partial,
      lastMovedAtMs,
      lastReceivedAtMs: received,
      unassignable,
      teamId: teamPick === -2 ? 'nope' : teamPick === -1 ? null : (teams[teamPick]?.id ?? null),
    };
  });
}

const SMALL: Shape = { operators: 4, chats: 6, teams: 2, capacity: 3 };
const MEDIUM: Shape = { operators: 6, chats: 30, teams: 3, capacity: 8 };
const RUNS = { numRuns: 1000 };
/** The exhaustive search is cheap on small cases; more runs reach the rarer mixes of rules (a long wait on an operator over capacity). */
const SEARCH_RUNS = { numRuns: 5000 };

/** Replays the plan one move at a time against the rules; every problem it meets, in words. */
function replay(input: PlannerInput, result: Plan) {
  const book = new RuleBook(input);
  const loads = book.initialLoads();
  const byId = new Map(input.chats.map((c) => [c.chatId, c]));
  const seen = new Set<string>();
  const problems = { room: [] as string[], target: [] as string[], chat: [] as string[], once: [] as string[] };
  for (const move of result.moves) {
    const c = byId.get(move.chatId);
    if (!c) {
      problems.once.push(`${move.chatId} is no chat of the data set`);
      continue;
    }
    if (seen.has(c.chatId)) problems.once.push(`${c.chatId} moved twice`);
    seen.add(c.chatId);
    if (move.fromOperatorId !== c.operatorId) problems.once.push(`${c.chatId} moved from ${move.fromOperatorId} but belongs to ${c.operatorId}`);

    const to = move.toOperatorId;
    const who = input.operators.find((o) => o.id === to);
    if (!who) problems.target.push(`${c.chatId} to ${to}, who is not in the operator list`);
    else if (who.locked || who.deleted) problems.target.push(`${c.chatId} to ${to}, locked or deleted`);
    if (!book.isTarget(to)) problems.target.push(`${c.chatId} to ${to}, not available, excluded or partial`);
    if (!book.teamMembers(c).has(to)) problems.target.push(`${c.chatId} to ${to}, outside the chat's teams`);
    if (to === c.operatorId) problems.target.push(`${c.chatId} back to its own operator`);
    if (!book.hasRoom(to, loads)) problems.room.push(`${c.chatId} to ${to}, who holds ${loads.get(to) ?? 0} of ${capacityOf(input.rules, to)}`);

    const block = book.neverMoves(c, move.reason === 'waiting_too_long');
    if (block !== null) problems.chat.push(`${c.chatId} moved although ${block}`);
    const wanted = book.wantedBy(c);
    if (move.reason === 'over_capacity') {
      if (!input.balancing.rules.overCapacity) problems.once.push(`${c.chatId} moved for over capacity with the rule off`);
      if (c.operatorId === null || book.excess(c.operatorId, loads) === 0) problems.once.push(`${c.chatId} moved for over capacity from an operator not over it`);
    } else if (wanted !== move.reason) {
      problems.once.push(`${c.chatId} moved as ${move.reason}, but the rule that wants it is ${wanted}`);
    }

    loads.set(to, (loads.get(to) ?? 0) + 1);
    if (c.operatorId !== null) loads.set(c.operatorId, (loads.get(c.operatorId) ?? 0) - 1);
  }
  const listed = new Set<string>();
  for (const entry of result.notPlaced) {
    if (listed.has(entry.chatId)) problems.once.push(`${entry.chatId} listed twice as not placed`);
    if (seen.has(entry.chatId)) problems.once.push(`${entry.chatId} both moved and not placed`);
    listed.add(entry.chatId);
  }
  return { book, loads, seen, listed, byId, problems };
}

/** What the plan leaves that it could still have fixed, given the room left at its end. */
function leftFixable(input: PlannerInput, result: Plan): string[] {
  const { book, loads, seen, byId } = replay(input, result);
  const ids = new Set<string>(input.operators.map((o) => o.id));
  for (const scope of book.scopes) for (const id of scope.operators) ids.add(id);
  const fits = (c: LoadChat) => [...ids].find((id) => book.canTake(c, id, loads));
  const problems: string[] = [];
  for (const c of input.chats) {
    if (seen.has(c.chatId) || c.operatorId === null || book.excess(c.operatorId, loads) === 0) continue;
    if (!book.overCapacityWatch().includes(c.operatorId) || book.neverMoves(c, false) !== null) continue;
    const to = fits(c);
    if (to !== undefined) problems.push(`${c.operatorId} is left over capacity though ${c.chatId} fits on ${to}`);
  }
  for (const entry of result.notPlaced) {
    const c = byId.get(entry.chatId);
    if (entry.reason !== 'no_room' || !c) continue;
    const to = fits(c);
    if (to !== undefined) problems.push(`${c.chatId} said to have no room, yet ${to} can take it`);
  }
  return problems;
}

describe('the planner on random teams', () => {
  const check = (shape: Shape, pick: (problems: ReturnType<typeof replay>['problems']) => string[]) =>
    fc.assert(
      fc.property(arbitraryCase(shape), (c) => {
        const input = inputOf(c);
        expect(pick(replay(input, plan(input)).problems)).toEqual([]);
      }),
      RUNS,
    );

  it('never puts a target above its capacity, at any step', () => check(MEDIUM, (p) => p.room));
  it('never gives a chat to an unavailable, excluded, locked, deleted, unknown, partial or out-of-team operator, or back to its own', () => check(MEDIUM, (p) => p.target));
  it('never moves a group chat, a refused one, one moved within the window, or one of an excluded or partial operator', () => check(MEDIUM, (p) => p.chat));
  it('moves a chat at most once, only for the rule that wants it, and the excess only while there is one', () => check(MEDIUM, (p) => p.once));

  it('leaves no over-capacity operator it could have fixed, and says no_room only when no room is left', () => {
    fc.assert(
      fc.property(arbitraryCase(MEDIUM), (c) => {
        const input = inputOf(c);
        expect(leftFixable(input, plan(input))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('says why of every chat a rule wanted moved and did not move, and of the excess it leaves', () => {
    fc.assert(
      fc.property(arbitraryCase(MEDIUM), (c) => {
        const input = inputOf(c);
        const result = plan(input);
        const { book, loads, seen, listed } = replay(input, result);
        const unsaid = input.chats.filter((x) => book.wantedBy(x) !== null && book.neverMoves(x, false) !== 'out_of_scope' && book.neverMoves(x, false) !== 'excluded' && !seen.has(x.chatId) && !listed.has(x.chatId));
        expect(unsaid.map((x) => x.chatId)).toEqual([]);
        for (const id of book.overCapacityWatch()) {
          const left = input.chats.filter((x) => x.operatorId === id && !seen.has(x.chatId));
          const said = left.filter((x) => listed.has(x.chatId)).length;
          expect(said).toBeGreaterThanOrEqual(Math.min(book.excess(id, loads), left.length));
        }
      }),
      RUNS,
    );
  });

  it('makes a plan the exhaustive search allows, with no more moves than any plan that achieves as much', () => {
    fc.assert(
      fc.property(arbitraryCase(SMALL), (c) => {
        const input = inputOf(c);
        const result = plan(input);
        const search = searchPlans(input);
        const { book, loads, seen } = replay(input, result);
        const unplaced = input.chats.filter((x) => {
          const wanted = book.wantedBy(x);
          return wanted !== null && book.neverMoves(x, wanted === 'waiting_too_long') === null && !seen.has(x.chatId);
        }).length;
        const excess = book.overCapacityWatch().reduce((sum, id) => sum + book.excess(id, loads), 0);
        expect(search.allows(result.moves)).toBe(true);
        expect(result.moves.length).toBe(search.fewestMoves({ unplaced, excess }));
        // Where the search places all the excess, whatever excess the planner leaves, it could not have fixed.
        if (search.best.excess === 0) expect(leftFixable(input, result)).toEqual([]);
      }),
      SEARCH_RUNS,
    );
  });
});

