'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { LoadFilters } from '@/lib/load/aggregate';
import { TEAM_ID } from '@/lib/settings/team-id';

// The page's filters live in the URL (?channel=…&user=…&team=…): a view can be bookmarked and shared, and
// back/forward walk through the filters a supervisor chose.

export type { LoadFilters } from '@/lib/load/aggregate';

export const NO_FILTERS: LoadFilters = { channel: null, user: null, team: null };

const idOrNull = (value: string | null) => (value && /^\d{1,20}$/.test(value) ? value : null);
const teamOrNull = (value: string | null) => (value && TEAM_ID.test(value) ? value : null);

export function useUrlFilters(): [LoadFilters, (next: Partial<LoadFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const channel = idOrNull(params.get('channel'));
  const user = idOrNull(params.get('user'));
  const team = teamOrNull(params.get('team'));
  const filters = useMemo(() => ({ channel, user, team }), [channel, user, team]);
  const setFilters = useCallback(
    (next: Partial<LoadFilters>) => {
      const merged = { ...filters, ...next };
      const query = new URLSearchParams(params.toString());
      for (const key of ['channel', 'user', 'team'] as const) {
        const value = merged[key];
        if (value) query.set(key, value);
        else query.delete(key);
      }
      const search = query.toString();
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [filters, params, pathname, router],
  );
  return [filters, setFilters];
}
