import type { UserLoad } from '@/lib/load/types';
import { compareNames } from '@/lib/load/names-order';
import type { Labels } from './labels';

// Sorting of the operator table, kept apart from React so it is proven on its own.

export type SortKey = 'name' | 'openChats' | 'oldest' | `bucket${number}`;
export interface SortState {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: SortState = { key: 'openChats', direction: 'descending' };

function value(row: UserLoad, key: SortKey, name: (row: UserLoad) => string): number | string {
  if (key === 'name') return name(row);
  if (key === 'openChats') return row.openChats;
  if (key === 'oldest') return row.oldestAgeSeconds ?? -1;
  return row.buckets[Number(key.slice('bucket'.length))] ?? 0;
}

/** Names sort as shown, so in the page's language ("Unassigned" / "Без оператора"). */
export function sortOperators(rows: readonly UserLoad[], sort: SortState, labels: Pick<Labels, 'operatorName'>): UserLoad[] {
  const name = (row: UserLoad) => labels.operatorName(row);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a, sort.key, name);
    const right = value(b, sort.key, name);
    const primary = typeof left === 'string' ? compareNames(left, String(right)) : left - (right as number);
    // Ties keep a stable, readable order: by name.
    return sign * primary || compareNames(name(a), name(b));
  });
}

/** Clicking the sorted column flips it; another column starts with its natural direction. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'name' ? 'ascending' : 'descending' };
}
