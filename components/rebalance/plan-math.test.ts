import { describe, expect, it } from 'vitest';
import { eligibleTargets, loadChanges, planTooOld, teamsOfChat, type OperatorRow, type TeamScope } from './plan-math';

const row = (userId: string, openChats: number, extra: Partial<OperatorRow> = {}): OperatorRow => ({
  userId,
  name: `Operator ${userId}`,
  openChats,
  capacity: 5,
  teamIds: [],
  available: true,
  locked: false,
  deleted: false,
  ...extra,
});

const teams: TeamScope[] = [
  { id: 'support', operatorIds: ['1', '2', '3', '4', '5'], channelIds: ['1402'] },
  { id: 'sales', operatorIds: ['6', '7'], channelIds: ['1401'] },
];

describe('loadChanges', () => {
  it('counts each kept move out of its source and into its target', () => {
    const rows = [row('0', 4, { capacity: null }), row('1', 6), row('2', 1), row('3', 2)];
    const changes = loadChanges(rows, [
      { chatId: 'a', fromUserId: '0', toUserId: '2' },
      { chatId: 'b', fromUserId: '0', toUserId: '2' },
      { chatId: 'c', fromUserId: '1', toUserId: '3' },
    ]);
    expect(changes).toEqual([
      { userId: '0', before: 4, after: 2, capacity: null },
      { userId: '1', before: 6, after: 5, capacity: 5 },
      { userId: '2', before: 1, after: 3, capacity: 5 },
      { userId: '3', before: 2, after: 3, capacity: 5 },
    ]);
  });

  it('lists nobody when no move is kept, and leaves out a move to where the chat already is', () => {
    const rows = [row('1', 6), row('2', 1)];
    expect(loadChanges(rows, [])).toEqual([]);
    expect(loadChanges(rows, [{ chatId: 'a', fromUserId: '1', toUserId: '1' }])).toEqual([]);
  });

  it('starts an operator missing from the load at zero', () => {
    expect(loadChanges([row('1', 3)], [{ chatId: 'a', fromUserId: '1', toUserId: '9' }])).toEqual([
      { userId: '1', before: 3, after: 2, capacity: 5 },
      { userId: '9', before: 0, after: 1, capacity: null },
    ]);
  });
});

describe('teamsOfChat', () => {
  it('is the teams serving the channel of an unassigned chat, the operator’s teams otherwise', () => {
    expect(teamsOfChat({ fromUserId: '0', apiId: '1401' }, teams, null)).toEqual(['sales']);
    expect(teamsOfChat({ fromUserId: '0', apiId: '9999' }, teams, null)).toEqual([]);
    expect(teamsOfChat({ fromUserId: '0', apiId: null }, teams, null)).toEqual([]);
    expect(teamsOfChat({ fromUserId: '3', apiId: '1401' }, teams, null)).toEqual(['support']);
  });

  it('is only the planned team when the plan is for one', () => {
    expect(teamsOfChat({ fromUserId: '0', apiId: '1401' }, teams, 'support')).toEqual([]);
    expect(teamsOfChat({ fromUserId: '6', apiId: '1401' }, teams, 'sales')).toEqual(['sales']);
  });
});

describe('eligibleTargets', () => {
  const rows = [
    row('0', 3, { capacity: null }),
    row('1', 2),
    row('2', 1, { available: false }),
    row('3', 1, { locked: true, available: false }),
    row('4', 0, { deleted: true }),
    row('5', 4),
    row('6', 1),
  ];

  it('offers available, active, non-excluded members of the chat’s teams other than its own operator', () => {
    const targets = eligibleTargets(rows, { fromUserId: '1', teamIds: ['support'] }, teams, new Set(['5']));
    expect(targets.map((target) => target.userId)).toEqual([]);
    expect(eligibleTargets(rows, { fromUserId: '0', teamIds: ['support'] }, teams, new Set()).map((target) => target.userId)).toEqual(['1', '5']);
  });

  it('offers nobody for a chat in no team, and never the unassigned row', () => {
    expect(eligibleTargets(rows, { fromUserId: '1', teamIds: [] }, teams, new Set())).toEqual([]);
    expect(eligibleTargets(rows, { fromUserId: '1', teamIds: ['support', 'sales'] }, teams, new Set()).map((target) => target.userId)).toEqual(['5', '6']);
  });
});

describe('planTooOld', () => {
  it('asks for a new plan after two minutes', () => {
    const basedOn = '2026-12-02T10:00:00.000Z';
    expect(planTooOld(basedOn, Date.parse(basedOn) + 119_000)).toBe(false);
    expect(planTooOld(basedOn, Date.parse(basedOn) + 121_000)).toBe(true);
  });
});
