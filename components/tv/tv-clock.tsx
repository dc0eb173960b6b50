'use client';

import { useLabels } from '@/components/load/labels';
import { useNow } from '@/components/load/use-now';

/** The large clock; its own component so only it re-renders every second. */
export function TvClock() {
  const labels = useLabels();
  const now = useNow(1000);
  return (
    <div className="tv-clock" data-testid="tv-clock" suppressHydrationWarning>
      {labels.time(now, false)}
    </div>
  );
}
