import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@/lib/settings/schema';
import {
  addTeam,
  capacityChoice,
  documentOf,
  draftOf,
  draftProblems,
  hasChanges,
  removeTeam,
  renameTeam,
  setBalancing,
  setBalancingRules,
  setCapacityChoice,
  setDefaultCapacity,
  setTeamId,
  setTeamOperators,
  setThresholds,
} from './draft';

// The page's draft against the server's own schema: whatever the page builds from a valid document
// and reports no problem with, the server accepts.

const saved: Settings = {
  ...DEFAULT_SETTINGS,
  teams: [{ id: 'support', name: 'Поддержка', operatorIds: ['8101', '8102'], channelIds: ['1402'] }],
  capacity: { default: 10, operators: { '8103': null } },
  balancing: { ...DEFAULT_SETTINGS.balancing, mode: 'suggest', excludedOperatorIds: ['8104'] },
};

describe('the settings draft', () => {
  it('is unchanged until an edit, and unchanged again when the edit is undone', () => {
    const draft = draftOf(saved);
    expect(hasChanges(draft, saved)).toBe(false);
    const edited = setTeamOperators(draft, draft.teams[0]!.key, ['8101', '8102', '8105']);
    expect(hasChanges(edited, saved)).toBe(true);
    expect(hasChanges(setTeamOperators(edited, draft.teams[0]!.key, ['8101', '8102']), saved)).toBe(false);
    // Key order is no change: a record rebuilt in another order means the same document.
    const reordered = { ...draft, capacity: { operators: { '8103': null }, default: 10 } };
    expect(hasChanges(reordered, saved)).toBe(false);
  });

  it('keeps what the page does not edit: quiet hours and later sections ride along', () => {
    const document = documentOf(setDefaultCapacity(draftOf(saved), 12));
    expect(document.balancing).toEqual(saved.balancing);
    expect(document.capacity).toEqual({ default: 12, operators: { '8103': null } });
    expect(parseSettings(document)).toEqual({ ok: true, settings: document });
  });

  it('proposes a new team its id from the name, unique, until the id is typed by hand', () => {
    const { draft, key } = addTeam(draftOf(saved));
    expect(draft.teams[1]!.id).toBe('team');
    let next = renameTeam(draft, key, 'Поддержка');
    expect(next.teams[1]!.id).toBe('podderzhka');
    next = renameTeam(next, key, 'Support');
    // The id of the saved team is taken.
    expect(next.teams[1]!.id).toBe('support-2');
    next = setTeamId(next, key, 'vip');
    next = renameTeam(next, key, 'VIP клиенты');
    expect(next.teams[1]).toMatchObject({ id: 'vip', name: 'VIP клиенты', autoId: false });
    // A saved team keeps its id through a rename: it is in bookmarks and history.
    next = renameTeam(next, next.teams[0]!.key, 'Support desk');
    expect(next.teams[0]!.id).toBe('support');
    expect(parseSettings(documentOf(next)).ok).toBe(true);
  });

  it('keeps team keys through a save, so focus stays on the same card', () => {
    const draft = draftOf(saved);
    const again = draftOf({ ...saved, teams: [...saved.teams, { id: 'sales', name: 'Sales', operatorIds: [], channelIds: [] }] }, draft);
    expect(again.teams[0]!.key).toBe(draft.teams[0]!.key);
    expect(again.teams[1]!.key).not.toBe(draft.teams[0]!.key);
  });

  it('sets an override to a number, no limit, or back to the default', () => {
    let draft = draftOf(saved);
    draft = setCapacityChoice(draft, ['8101', '8102'], 4);
    expect([capacityChoice(draft, '8101'), capacityChoice(draft, '8102'), capacityChoice(draft, '8103'), capacityChoice(draft, '8105')]).toEqual([4, 4, null, 'default']);
    draft = setCapacityChoice(draft, ['8102', '8103'], 'default');
    expect(draft.capacity.operators).toEqual({ '8101': 4 });
    expect(hasChanges(setCapacityChoice(setCapacityChoice(draft, ['8101'], 'default'), ['8103'], null), saved)).toBe(false);
  });

  it('names the fields the server would refuse, by the same paths', () => {
    let draft = draftOf(saved);
    const added = addTeam(draft);
    draft = setTeamId(added.draft, added.key, 'support');
    draft = setCapacityChoice(draft, ['8101'], 2.5);
    draft = setThresholds(draft, { warningMinutes: 15 });
    expect(draftProblems(draft)).toEqual([
      { field: 'teams[1].name', code: 'teamNameEmpty' },
      { field: 'teams[1].id', code: 'teamIdTaken' },
      { field: 'capacity.operators.8101', code: 'capacityInvalid' },
      { field: 'thresholds.warningMinutes', code: 'warningNotBelowCritical' },
    ]);
    // The server names the first of them too.
    const parsed = parseSettings(documentOf(draft));
    expect(parsed.ok ? '' : parsed.field).toBe(draftProblems(draft)[0]!.field);
    expect(draftProblems(removeTeam(setTeamId(draft, added.key, 'x'), added.key)).map((problem) => problem.code)).toEqual(['capacityInvalid', 'warningNotBelowCritical']);
  });

  it('treats an emptied number field as a problem, never as "no limit"', () => {
    const draft = setThresholds(setDefaultCapacity(draftOf(saved), Number.NaN), { criticalMinutes: Number.NaN });
    expect(draftProblems(draft)).toEqual([
      { field: 'capacity.default', code: 'capacityInvalid' },
      { field: 'thresholds.criticalMinutes', code: 'minutesInvalid' },
    ]);
  });

  it('edits the balancing mode, rules and limits into a document the server accepts', () => {
    let draft = setBalancing(draftOf(saved), { mode: 'auto', maxMovesPerRun: 5, maxMovesPerOperatorPerHour: 3, intervalMinutes: 10, noRepeatHours: 0 });
    draft = setBalancingRules(draft, { overCapacity: false, waitingTooLong: true, waitingTooLongMinutes: 45 });
    expect(draftProblems(draft)).toEqual([]);
    const document = documentOf(draft);
    expect(document.balancing).toEqual({
      ...saved.balancing,
      mode: 'auto',
      maxMovesPerRun: 5,
      maxMovesPerOperatorPerHour: 3,
      intervalMinutes: 10,
      noRepeatHours: 0,
      rules: { ...saved.balancing.rules, overCapacity: false, waitingTooLong: true, waitingTooLongMinutes: 45 },
    });
    expect(parseSettings(document)).toEqual({ ok: true, settings: document });
  });

  it('names a balancing limit the server would refuse, beside its field', () => {
    const draft = setBalancingRules(setBalancing(draftOf(saved), { maxMovesPerRun: 0, maxMovesPerOperatorPerHour: 501, intervalMinutes: Number.NaN, noRepeatHours: 169 }), { waitingTooLongMinutes: 0 });
    expect(draftProblems(draft)).toEqual([
      { field: 'balancing.rules.waitingTooLongMinutes', code: 'minutesInvalid' },
      { field: 'balancing.intervalMinutes', code: 'minutesInvalid' },
      { field: 'balancing.maxMovesPerRun', code: 'movesInvalid' },
      { field: 'balancing.maxMovesPerOperatorPerHour', code: 'movesInvalid' },
      { field: 'balancing.noRepeatHours', code: 'hoursInvalid' },
    ]);
    // Each of them alone is refused by the server too.
    for (const change of [{ maxMovesPerRun: 0 }, { maxMovesPerOperatorPerHour: 501 }, { intervalMinutes: 0 }, { noRepeatHours: 169 }]) {
      expect(parseSettings(documentOf(setBalancing(draftOf(saved), change))).ok, JSON.stringify(change)).toBe(false);
    }
  });
});
