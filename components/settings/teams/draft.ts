import type { Settings, TeamSettings } from '@/lib/settings/schema';
import { TEAM_ID, proposeTeamId } from '@/lib/settings/team-id';

// The manager's unsaved copy of the settings document and every edit the Settings page makes to it,
// as pure functions. Sections this page does not edit (the rest of balancing, and whatever later
// versions add) ride along untouched: the document is saved whole, so dropping them would erase them.

export interface DraftTeam extends TeamSettings {
  /** Stays the same through renames and id edits: React's key and the handle for focus. */
  key: string;
  /** The id still follows the name: a team added here whose id nobody has typed. */
  autoId: boolean;
}

export type Draft = Omit<Settings, 'teams'> & { teams: DraftTeam[] };

/** An operator's capacity as the page offers it: the default, no limit (null), or a number of chats. */
export type CapacityChoice = 'default' | number | null;

let lastKey = 0;
const newKey = () => `team-${++lastKey}`;

/** A draft of a stored document; teams keep the keys they had in `previous`, so focus survives a save. */
export function draftOf(settings: Settings, previous?: Draft | null): Draft {
  const keyOf = new Map((previous?.teams ?? []).map((team) => [team.id, team.key]));
  const used = new Set<string>();
  return {
    ...settings,
    teams: settings.teams.map((team) => {
      let key = keyOf.get(team.id);
      if (key === undefined || used.has(key)) key = newKey();
      used.add(key);
      return { ...team, key, autoId: false };
    }),
  };
}

/** The document a draft stands for, ready to be sent. */
export function documentOf(draft: Draft): Settings {
  return { ...draft, teams: draft.teams.map(({ id, name, operatorIds, channelIds }) => ({ id, name, operatorIds, channelIds })) };
}

/** JSON with object keys sorted: two documents that mean the same thing read the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

export function hasChanges(draft: Draft, saved: Settings): boolean {
  return canonicalJson(documentOf(draft)) !== canonicalJson(saved);
}

// Teams

function takenIds(draft: Draft, exceptKey?: string): Set<string> {
  return new Set(draft.teams.filter((team) => team.key !== exceptKey).map((team) => team.id));
}

function updateTeam(draft: Draft, key: string, change: (team: DraftTeam) => DraftTeam): Draft {
  return { ...draft, teams: draft.teams.map((team) => (team.key === key ? change(team) : team)) };
}

/** A new, empty team at the end; its id follows the name until someone types one. */
export function addTeam(draft: Draft): { draft: Draft; key: string } {
  const key = newKey();
  const team: DraftTeam = { key, autoId: true, id: proposeTeamId('', takenIds(draft)), name: '', operatorIds: [], channelIds: [] };
  return { draft: { ...draft, teams: [...draft.teams, team] }, key };
}

export function renameTeam(draft: Draft, key: string, name: string): Draft {
  const taken = takenIds(draft, key);
  return updateTeam(draft, key, (team) => ({ ...team, name, id: team.autoId ? proposeTeamId(name, taken) : team.id }));
}

export function setTeamId(draft: Draft, key: string, id: string): Draft {
  return updateTeam(draft, key, (team) => ({ ...team, id, autoId: false }));
}

export function removeTeam(draft: Draft, key: string): Draft {
  return { ...draft, teams: draft.teams.filter((team) => team.key !== key) };
}

export function setTeamOperators(draft: Draft, key: string, operatorIds: string[]): Draft {
  return updateTeam(draft, key, (team) => ({ ...team, operatorIds }));
}

export function setTeamChannels(draft: Draft, key: string, channelIds: string[]): Draft {
  return updateTeam(draft, key, (team) => ({ ...team, channelIds }));
}

/** The teams an operator is in, by key, in the settings' order. */
export function teamsOfOperator(draft: Draft, operatorId: string): DraftTeam[] {
  return draft.teams.filter((team) => team.operatorIds.includes(operatorId));
}

// Capacity

export function capacityChoice(draft: Draft, operatorId: string): CapacityChoice {
  return Object.hasOwn(draft.capacity.operators, operatorId) ? (draft.capacity.operators[operatorId] ?? null) : 'default';
}

/** The same override for every operator in `operatorIds`; 'default' removes theirs. */
export function setCapacityChoice(draft: Draft, operatorIds: readonly string[], choice: CapacityChoice): Draft {
  const operators = { ...draft.capacity.operators };
  for (const id of operatorIds) {
    if (choice === 'default') delete operators[id];
    else operators[id] = choice;
  }
  return { ...draft, capacity: { ...draft.capacity, operators } };
}

export function setDefaultCapacity(draft: Draft, value: number | null): Draft {
  return { ...draft, capacity: { ...draft.capacity, default: value } };
}

// Thresholds, availability, balancing

export function setThresholds(draft: Draft, change: Partial<Settings['thresholds']>): Draft {
  return { ...draft, thresholds: { ...draft.thresholds, ...change } };
}

export function setAwayAfter(draft: Draft, awayAfterMinutes: number): Draft {
  return { ...draft, availability: { ...draft.availability, awayAfterMinutes } };
}

export function setExcluded(draft: Draft, excludedOperatorIds: string[]): Draft {
  return { ...draft, balancing: { ...draft.balancing, excludedOperatorIds } };
}

export type BalancingChange = Partial<Pick<Settings['balancing'], 'mode' | 'noRepeatHours' | 'intervalMinutes' | 'maxMovesPerRun' | 'maxMovesPerOperatorPerHour'>>;

export function setBalancing(draft: Draft, change: BalancingChange): Draft {
  return { ...draft, balancing: { ...draft.balancing, ...change } };
}

export function setBalancingRules(draft: Draft, change: Partial<Settings['balancing']['rules']>): Draft {
  return { ...draft, balancing: { ...draft.balancing, rules: { ...draft.balancing.rules, ...change } } };
}

// What the page can tell before the server does. The limits repeat lib/settings/schema.ts (which the
// browser cannot import: it is zod) so a mistake shows beside its field while typing; the server
// still judges every save, and its answer is shown whatever this says.

export const MAX_TEAMS = 100;
export const MAX_CAPACITY = 10_000;
export const MAX_MINUTES = 7 * 24 * 60;
export const MAX_MOVES = 500;
export const MAX_NO_REPEAT_HOURS = 168;
const MAX_TEAM_NAME = 80;

export type ProblemCode = 'teamNameEmpty' | 'teamNameLong' | 'teamIdInvalid' | 'teamIdTaken' | 'capacityInvalid' | 'minutesInvalid' | 'warningNotBelowCritical' | 'movesInvalid' | 'hoursInvalid';

export interface DraftProblem {
  /** The field's path as the server names it: `teams[1].id`, `capacity.operators.8101`. */
  field: string;
  code: ProblemCode;
}

const wholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

export function draftProblems(draft: Draft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const firstWithId = new Map<string, number>();
  draft.teams.forEach((team, index) => {
    const name = team.name.trim();
    if (name === '') problems.push({ field: `teams[${index}].name`, code: 'teamNameEmpty' });
    else if (name.length > MAX_TEAM_NAME) problems.push({ field: `teams[${index}].name`, code: 'teamNameLong' });
    if (!TEAM_ID.test(team.id)) problems.push({ field: `teams[${index}].id`, code: 'teamIdInvalid' });
    else if (firstWithId.has(team.id)) problems.push({ field: `teams[${index}].id`, code: 'teamIdTaken' });
    else firstWithId.set(team.id, index);
  });
  if (draft.capacity.default !== null && !wholeIn(draft.capacity.default, 0, MAX_CAPACITY)) problems.push({ field: 'capacity.default', code: 'capacityInvalid' });
  for (const [id, value] of Object.entries(draft.capacity.operators)) {
    if (value !== null && !wholeIn(value, 0, MAX_CAPACITY)) problems.push({ field: `capacity.operators.${id}`, code: 'capacityInvalid' });
  }
  const { warningMinutes, criticalMinutes } = draft.thresholds;
  const warningOk = wholeIn(warningMinutes, 1, MAX_MINUTES);
  const criticalOk = wholeIn(criticalMinutes, 1, MAX_MINUTES);
  if (!warningOk) problems.push({ field: 'thresholds.warningMinutes', code: 'minutesInvalid' });
  if (!criticalOk) problems.push({ field: 'thresholds.criticalMinutes', code: 'minutesInvalid' });
  if (warningOk && criticalOk && warningMinutes >= criticalMinutes) problems.push({ field: 'thresholds.warningMinutes', code: 'warningNotBelowCritical' });
  if (!wholeIn(draft.availability.awayAfterMinutes, 1, MAX_MINUTES)) problems.push({ field: 'availability.awayAfterMinutes', code: 'minutesInvalid' });
  const { balancing } = draft;
  if (!wholeIn(balancing.rules.waitingTooLongMinutes, 1, MAX_MINUTES)) problems.push({ field: 'balancing.rules.waitingTooLongMinutes', code: 'minutesInvalid' });
  if (!wholeIn(balancing.intervalMinutes, 1, MAX_MINUTES)) problems.push({ field: 'balancing.intervalMinutes', code: 'minutesInvalid' });
  if (!wholeIn(balancing.maxMovesPerRun, 1, MAX_MOVES)) problems.push({ field: 'balancing.maxMovesPerRun', code: 'movesInvalid' });
  if (!wholeIn(balancing.maxMovesPerOperatorPerHour, 1, MAX_MOVES)) problems.push({ field: 'balancing.maxMovesPerOperatorPerHour', code: 'movesInvalid' });
  if (!wholeIn(balancing.noRepeatHours, 0, MAX_NO_REPEAT_HOURS)) problems.push({ field: 'balancing.noRepeatHours', code: 'hoursInvalid' });
  return problems;
}
