import type { AgeBucketKey } from '@/lib/load/ages';

// Age colours: green → amber → red, and every step darker than the one before (CIE L* 91, 78, 65,
// 52, 38, 21). Lightness survives every kind of colour blindness, so the buckets still read in order
// for viewers who can't tell green from orange; simulated protan, deutan and tritan vision keeps
// neighbours at least 11 L* apart. Labels and the legend name them too.
export const AGE_COLORS: Record<AgeBucketKey, string> = {
  lt5m: '#d6edb9',
  '5to15m': '#a2cf7e',
  '15to60m': '#d0922a',
  '1to4h': '#c4602a',
  '4to24h': '#a62e2a',
  gt24h: '#631420',
};

export const CHANNEL_COLOR = '#3b6fb6';
export const CHANNEL_PROBLEM_COLOR = '#a62e2a';

// Team analytics: peak and mean open chats in one hue, told apart by lightness (L* 45 and 72), as
// every kind of colour blindness still sees it; the waits past critical in the red of the oldest ages.
export const TEAM_PEAK_COLOR = '#3b6fb6';
export const TEAM_MEAN_COLOR = '#9dbbe6';
export const TEAM_CRITICAL_COLOR = '#a62e2a';
export const TEAM_OVER_CAPACITY_COLOR = '#c4602a';
