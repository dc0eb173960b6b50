import type { AgeBucketKey } from '@/lib/load/ages';

// Age colours: a sequential ramp from pale to dark, so the order of the buckets still reads by
// lightness alone for colour-blind viewers and in greyscale print; labels always name them too.
export const AGE_COLORS: Record<AgeBucketKey, string> = {
  lt5m: '#a6dba0',
  '5to15m': '#5aae61',
  '15to60m': '#fdb863',
  '1to4h': '#e66101',
  '4to24h': '#b2182b',
  gt24h: '#67001f',
};

export const CHANNEL_COLOR = '#3b6fb6';
export const CHANNEL_PROBLEM_COLOR = '#b2182b';
