import type { UserLoad } from '@/lib/load/types';
import { compareNames } from '@/lib/load/names-order';
import { operatorName } from './labels';

// Sorting of the operator table, kept apart from React so it is proven on its own.

export type SortKey = 'name' | 'openChats' | 'oldest' | `bucket${number}`;
export interface SortState {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: SortState = { key: 'openChats', direction: 'descending' };

function value(row: UserLoad, key: SortKey): number | string {
  if (key === 'name') return operatorName(row);
  if (key === 'openChats') return row.openChats;
  if (key === 'oldest') return row.oldestAgeSeconds ?? -1;
  return row.buckets[Number(key.slice('bucket'.length))] ?? 0;
}

export function sortOperators(rows: readonly UserLoad[], sort: SortState): UserLoad[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a, sort.key);
    const right = value(b, sort.key);
    const primary = typeof left === 'string' ? compareNames(left, String(right)) : left - (right as number);
    // Ties keep a stable, readable order: by name.
    return sign * primary || compareNames(operatorName(a), operatorName(b));
  });
}

/** Clicking the sorted column flips it; another column starts with its natural direction. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'name' ? 'ascending' : 'descending' };
}
