import { operatorsByName, type Labels } from '@/components/load/labels';
import { compareNames } from '@/lib/load/names-order';
import { UNASSIGNED_ROW_ID, type ChannelLoad, type UserLoad } from '@/lib/load/types';
import type { Settings } from '@/lib/settings/schema';
import type { Searchable } from './selection';

// Who and what the pickers offer: the operators and channels wamm.chat lists now (from /api/load),
// plus every id the settings name that wamm.chat no longer lists, so such an id can still be seen
// and taken out rather than silently kept or silently dropped.

export interface OperatorOption extends Searchable {
  locked: boolean;
  deleted: boolean;
  /** Named in the settings, but not in wamm.chat's operator list now. */
  unknown: boolean;
}

export interface ChannelOption extends Searchable {
  /** Why the channel cannot work now, in words; null when it is fine. */
  problem: string | null;
  unknown: boolean;
}

type Named = Pick<Settings, 'teams' | 'capacity' | 'balancing'>;

function operatorIdsIn(documents: readonly Named[]): Set<string> {
  const ids = new Set<string>();
  for (const document of documents) {
    for (const team of document.teams) for (const id of team.operatorIds) ids.add(id);
    for (const id of Object.keys(document.capacity.operators)) ids.add(id);
    for (const id of document.balancing.excludedOperatorIds) ids.add(id);
  }
  return ids;
}

/** Operators by name as shown; the unassigned row is nobody to pick. */
export function operatorOptions(byUser: readonly UserLoad[] | undefined, documents: readonly Named[], labels: Labels): OperatorOption[] {
  const listed = (byUser ?? []).filter((row) => row.userId !== UNASSIGNED_ROW_ID);
  const known = new Set(listed.map((row) => row.userId));
  const rows = [
    ...listed.map((row) => ({ userId: row.userId, name: row.name, locked: row.locked, deleted: row.deleted, unknown: false })),
    ...[...operatorIdsIn(documents)].filter((id) => !known.has(id)).map((id) => ({ userId: id, name: null, locked: false, deleted: false, unknown: true })),
  ];
  return operatorsByName(rows, labels).map((row) => ({ id: row.userId, label: labels.operatorName(row), locked: row.locked, deleted: row.deleted, unknown: row.unknown }));
}

export function channelOptions(byChannel: readonly ChannelLoad[] | undefined, documents: readonly Pick<Settings, 'teams'>[], labels: Labels): ChannelOption[] {
  const listed = byChannel ?? [];
  const known = new Set(listed.map((row) => row.apiId));
  const extra = new Set<string>();
  for (const document of documents) for (const team of document.teams) for (const id of team.channelIds) if (!known.has(id)) extra.add(id);
  const options: ChannelOption[] = [
    ...listed.map((row) => ({ id: row.apiId, label: labels.channelName(row), problem: labels.channelProblem(row.state), unknown: false })),
    ...[...extra].map((id) => ({ id, label: labels.channelName(undefined, id), problem: null, unknown: true })),
  ];
  return options.sort((a, b) => compareNames(a.label, b.label));
}
