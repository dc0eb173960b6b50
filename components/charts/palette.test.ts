import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS } from '@/lib/load/ages';
import { AGE_COLORS } from './palette';

// WCAG relative luminance: what a viewer perceives as light or dark, whatever hues they can see.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('the age colours', () => {
  it('get clearly darker with every older bucket, so their order reads without telling hues apart', () => {
    const ramp = AGE_BUCKETS.map((bucket) => luminance(AGE_COLORS[bucket.key]));
    for (let i = 1; i < ramp.length; i++) {
      const contrast = (ramp[i - 1]! + 0.05) / (ramp[i]! + 0.05);
      expect(contrast, `${AGE_BUCKETS[i - 1]!.key} → ${AGE_BUCKETS[i]!.key}`).toBeGreaterThan(1.3);
    }
  });
});
