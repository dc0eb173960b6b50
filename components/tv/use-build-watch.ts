'use client';

import { useEffect } from 'react';
import { BUILD_ID } from '@/lib/build-id';
import type { VersionResponse } from '@/lib/load/types';

const RELOADED_FOR = 'chatload.tv.reloadedFor';

/**
 * Reloads the page once when the server runs another build than this page was made from. A
 * reload per reported build id at most, so a server that keeps reporting another id (a proxy
 * serving an old page, say) cannot put the display in a reload loop.
 */
export function useBuildWatch(intervalMs: number): void {
  useEffect(() => {
    if (BUILD_ID === 'dev') return;
    let cancelled = false;
    const check = async () => {
      try {
        const response = await fetch('/api/version', { cache: 'no-store' });
        if (!response.ok || cancelled) return;
        const { buildId } = (await response.json()) as VersionResponse;
        if (!buildId || buildId === BUILD_ID) return;
        if (window.sessionStorage.getItem(RELOADED_FOR) === buildId) return;
        window.sessionStorage.setItem(RELOADED_FOR, buildId);
        window.location.reload();
      } catch {
        // No server right now: the data panels say so; try again next time.
      }
    };
    const timer = setInterval(check, intervalMs);
    void check();
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
}
