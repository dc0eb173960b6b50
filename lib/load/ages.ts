// Last-message age buckets: half-open [from, to) intervals in seconds, in display order.

export const AGE_BUCKETS = [
  { key: 'lt5m', label: '< 5 min', fromSeconds: 0, toSeconds: 300 },
  { key: '5to15m', label: '5–15 min', fromSeconds: 300, toSeconds: 900 },
  { key: '15to60m', label: '15–60 min', fromSeconds: 900, toSeconds: 3600 },
  { key: '1to4h', label: '1–4 h', fromSeconds: 3600, toSeconds: 14_400 },
  { key: '4to24h', label: '4–24 h', fromSeconds: 14_400, toSeconds: 86_400 },
  { key: 'gt24h', label: '> 24 h', fromSeconds: 86_400, toSeconds: null },
] as const;

export type AgeBucketKey = (typeof AGE_BUCKETS)[number]['key'];

export const AGE_BUCKET_COUNT = AGE_BUCKETS.length;

/** Index into AGE_BUCKETS for an age; negative ages (a clock ahead of ours) count as 0. */
export function ageBucketIndex(ageSeconds: number): number {
  const age = ageSeconds > 0 ? ageSeconds : 0;
  for (let i = 0; i < AGE_BUCKETS.length - 1; i++) {
    if (age < (AGE_BUCKETS[i]!.toSeconds as number)) return i;
  }
  return AGE_BUCKETS.length - 1;
}

export type AgeParts =
  | { unit: 'seconds'; s: number }
  | { unit: 'minutes'; m: number }
  | { unit: 'hours'; h: number; m: string }
  | { unit: 'days'; d: number; h: number };

/** An age split for short display ("42 s", "7 min", "3 h 05 min", "2 d 4 h"); each language words it. */
export function ageParts(seconds: number): AgeParts {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return { unit: 'seconds', s };
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return { unit: 'minutes', m: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', h: hours, m: String(minutes % 60).padStart(2, '0') };
  return { unit: 'days', d: Math.floor(hours / 24), h: hours % 24 };
}
