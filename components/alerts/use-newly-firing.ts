'use client';

import { useEffect, useRef } from 'react';
import { firingIds, newlyFiring } from './newly-firing';
import type { ActiveAlert } from './types';

/**
 * Calls `onNew` with the alerts that start firing while the page is open: each poll is compared
 * with the one before. Those firing at the first answer are taken as known.
 */
export function useNewlyFiring(active: readonly ActiveAlert[] | undefined, onNew: (alerts: ActiveAlert[]) => void): void {
  const previous = useRef<Set<string> | null>(null);
  const callback = useRef(onNew);
  useEffect(() => {
    callback.current = onNew;
  }, [onNew]);
  useEffect(() => {
    if (!active) return;
    const fresh = newlyFiring(previous.current, active);
    previous.current = firingIds(active);
    if (fresh.length > 0) callback.current(fresh);
  }, [active]);
}
