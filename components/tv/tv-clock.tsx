'use client';

import { useNow } from '@/components/load/use-now';

const time = (ms: number, seconds: boolean) =>
  new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) });

/** The large clock; its own component so only it re-renders every second. */
export function TvClock() {
  const now = useNow(1000);
  return (
    <div className="tv-clock" data-testid="tv-clock" suppressHydrationWarning>
      {time(now, false)}
    </div>
  );
}

export function formatStamp(iso: string | number): string {
  return time(typeof iso === 'number' ? iso : Date.parse(iso), true);
}
