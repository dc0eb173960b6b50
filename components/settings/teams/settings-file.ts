import type { Settings } from '@/lib/settings/schema';
import { canonicalJson } from './draft';

// Settings as a file: the name an export gets, what an imported file would change, and which field a
// refusal names. The file is not validated here (the schema is zod, kept out of the browser): the
// preview reads whatever it can, and the server judges the file when it is saved.

/** `chatload-settings-2026-11-28.json`, dated in the manager's own day. */
export function exportFileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `chatload-settings-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.json`;
}

/** What an export holds: the saved document, as the server keeps it, for a person to read. */
export function exportText(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export interface NamedTeam {
  id: string;
  name: string;
}

/** Sections of the document whose defaults the page does not show; a file without them gets them. */
export type DefaultedSection = 'thresholds' | 'availability' | 'balancing' | 'alerts';

export interface ImportSummary {
  teamsAdded: NamedTeam[];
  teamsRemoved: NamedTeam[];
  /** In both, with another name, other operators or other channels. */
  teamsChanged: NamedTeam[];
  capacityDefault: { from: number | null; to: number | null } | null;
  overridesChanged: number;
  /** null where the file holds something other than a number (the server will say what). */
  thresholds: { from: Settings['thresholds']; to: { warningMinutes: number | null; criticalMinutes: number | null } } | null;
  awayAfter: { from: number; to: number | null } | null;
  exclusionsChanged: number;
  /** Balancing's mode, rules or limits, which this page does not edit. */
  otherBalancingChanged: boolean;
  /** The alerts section: its rules, where messages go, their language or the shift reports. */
  alertsChanged: boolean;
  defaulted: DefaultedSection[];
  unchanged: boolean;
}

type Loose = Record<string, unknown>;

const record = (value: unknown): Loose | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/**
 * What saving `incoming` would change compared with the saved document. Missing teams, capacity
 * and exclusions read as none (their defaults); missing thresholds, availability and balancing are
 * named, since their defaults are the server's to give.
 */
export function describeImport(saved: Settings, incoming: Loose): ImportSummary {
  const teamsIn = Array.isArray(incoming.teams) ? incoming.teams.map(record).filter((team): team is Loose => team !== null) : [];
  const fileTeams = new Map<string, { name: string; operatorIds: string[]; channelIds: string[] }>();
  for (const team of teamsIn) {
    if (typeof team.id !== 'string' || fileTeams.has(team.id)) continue;
    fileTeams.set(team.id, { name: typeof team.name === 'string' ? team.name : team.id, operatorIds: strings(team.operatorIds), channelIds: strings(team.channelIds) });
  }
  const savedTeams = new Map(saved.teams.map((team) => [team.id, team]));
  const teamsAdded = [...fileTeams].filter(([id]) => !savedTeams.has(id)).map(([id, team]) => ({ id, name: team.name }));
  const teamsRemoved = saved.teams.filter((team) => !fileTeams.has(team.id)).map(({ id, name }) => ({ id, name }));
  const teamsChanged = [...fileTeams]
    .filter(([id, team]) => {
      const old = savedTeams.get(id);
      return old !== undefined && (old.name !== team.name || !sameSet(old.operatorIds, team.operatorIds) || !sameSet(old.channelIds, team.channelIds));
    })
    .map(([id, team]) => ({ id, name: team.name }));

  const capacity = record(incoming.capacity) ?? {};
  const fileDefault = typeof capacity.default === 'number' ? capacity.default : null;
  const fileOverrides = record(capacity.operators) ?? {};
  const overrideIds = new Set([...Object.keys(saved.capacity.operators), ...Object.keys(fileOverrides)]);
  let overridesChanged = 0;
  for (const id of overrideIds) {
    const before = Object.hasOwn(saved.capacity.operators, id) ? saved.capacity.operators[id] : undefined;
    const after = Object.hasOwn(fileOverrides, id) ? fileOverrides[id] : undefined;
    if (before !== after) overridesChanged++;
  }

  const defaulted: DefaultedSection[] = [];
  const thresholdsIn = record(incoming.thresholds);
  let thresholds: ImportSummary['thresholds'] = null;
  if (thresholdsIn === null) defaulted.push('thresholds');
  else {
    const to = { warningMinutes: numberOrNull(thresholdsIn.warningMinutes), criticalMinutes: numberOrNull(thresholdsIn.criticalMinutes) };
    if (to.warningMinutes !== saved.thresholds.warningMinutes || to.criticalMinutes !== saved.thresholds.criticalMinutes) thresholds = { from: saved.thresholds, to };
  }
  const availabilityIn = record(incoming.availability);
  let awayAfter: ImportSummary['awayAfter'] = null;
  if (availabilityIn === null) defaulted.push('availability');
  else if (numberOrNull(availabilityIn.awayAfterMinutes) !== saved.availability.awayAfterMinutes) {
    awayAfter = { from: saved.availability.awayAfterMinutes, to: numberOrNull(availabilityIn.awayAfterMinutes) };
  }
  const balancingIn = record(incoming.balancing);
  if (balancingIn === null) defaulted.push('balancing');
  const excludedIn = strings(balancingIn?.excludedOperatorIds);
  const excludedSaved = new Set(saved.balancing.excludedOperatorIds);
  const exclusionsChanged = excludedIn.filter((id) => !excludedSaved.has(id)).length + saved.balancing.excludedOperatorIds.filter((id) => !excludedIn.includes(id)).length;
  let otherBalancingChanged = false;
  if (balancingIn !== null) {
    const savedBalancing: Loose = saved.balancing;
    // A key the file leaves out takes its default, which may well be what is saved: only keys the
    // file gives are compared.
    otherBalancingChanged = Object.keys(balancingIn).some((key) => key !== 'excludedOperatorIds' && canonicalJson(balancingIn[key]) !== canonicalJson(savedBalancing[key]));
  }

  const alertsIn = record(incoming.alerts);
  if (alertsIn === null) defaulted.push('alerts');
  const savedAlerts: Loose = saved.alerts;
  const alertsChanged = alertsIn !== null && Object.keys(alertsIn).some((key) => canonicalJson(alertsIn[key]) !== canonicalJson(savedAlerts[key]));

  const capacityDefault = fileDefault !== saved.capacity.default ? { from: saved.capacity.default, to: fileDefault } : null;
  const unchanged =
    teamsAdded.length + teamsRemoved.length + teamsChanged.length + overridesChanged + exclusionsChanged + defaulted.length === 0 &&
    capacityDefault === null &&
    thresholds === null &&
    awayAfter === null &&
    !otherBalancingChanged &&
    !alertsChanged;
  return { teamsAdded, teamsRemoved, teamsChanged, capacityDefault, overridesChanged, thresholds, awayAfter, exclusionsChanged, otherBalancingChanged, alertsChanged, defaulted, unchanged };
}

const SECTIONS = 'version|teams|capacity|thresholds|availability|balancing|alerts';
const FIELD = new RegExp(`^((?:${SECTIONS})(?:\\[\\d+\\]|\\.[\\w-]+)*)(?=\\s|$)`);

/** The field a refusal names at its start (`teams[1].id must be …`), or null. */
export function fieldOfMessage(message: string): string | null {
  return FIELD.exec(message)?.[1] ?? null;
}

/** The field and the fields that hold it, nearest first: `teams[1].operatorIds[3]` → …, `teams[1]`, `teams`. */
export function fieldAncestry(field: string): string[] {
  const out = [field];
  let rest = field;
  for (;;) {
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) break;
    rest = rest.slice(0, cut);
    out.push(rest);
  }
  return out;
}
