'use client';

import { formatAgo, formatClock } from './labels';
import { useNow } from './use-now';

/** "Updated 12 s ago", ticking every second, from the time of the upstream fetch. */
export function UpdatedAgo({ asOf, refreshSeconds }: { asOf: string; refreshSeconds: number }) {
  const now = useNow(1000);
  const seconds = (now - Date.parse(asOf)) / 1000;
  const late = seconds > refreshSeconds * 3;
  return (
    <span className={late ? 'updated-ago updated-ago-late' : 'updated-ago'} data-testid="updated-ago" title={`Data as of ${formatClock(asOf)}`}>
      Updated {formatAgo(seconds)}
    </span>
  );
}
