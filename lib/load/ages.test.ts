import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS, ageBucketIndex, ageParts } from './ages';

describe('age buckets', () => {
  it('are half-open [from, to) intervals in the documented order', () => {
    expect(AGE_BUCKETS.map((bucket) => bucket.key)).toEqual(['lt5m', '5to15m', '15to60m', '1to4h', '4to24h', 'gt24h']);
    const edges: Array<[number, string]> = [
      [0, 'lt5m'],
      [299, 'lt5m'],
      [300, '5to15m'],
      [899, '5to15m'],
      [900, '15to60m'],
      [3599, '15to60m'],
      [3600, '1to4h'],
      [14_399, '1to4h'],
      [14_400, '4to24h'],
      [86_399, '4to24h'],
      [86_400, 'gt24h'],
      [10 * 86_400, 'gt24h'],
    ];
    for (const [age, key] of edges) expect(AGE_BUCKETS[ageBucketIndex(age)]!.key, `age ${age}`).toBe(key);
  });

  it('puts a negative age (a date in the future) in the first bucket', () => {
    expect(ageBucketIndex(-500)).toBe(0);
  });

  it('leaves no gap between buckets', () => {
    for (let i = 1; i < AGE_BUCKETS.length; i++) expect(AGE_BUCKETS[i]!.fromSeconds).toBe(AGE_BUCKETS[i - 1]!.toSeconds);
    expect(AGE_BUCKETS.at(-1)!.toSeconds).toBeNull();
  });
});

describe('ageParts', () => {
  it('splits an age into the largest two units worth reading', () => {
    expect(ageParts(42)).toEqual({ unit: 'seconds', s: 42 });
    expect(ageParts(-5)).toEqual({ unit: 'seconds', s: 0 });
    expect(ageParts(7 * 60 + 5)).toEqual({ unit: 'minutes', m: 7 });
    expect(ageParts(3 * 3600 + 5 * 60)).toEqual({ unit: 'hours', h: 3, m: '05' });
    expect(ageParts(2 * 86_400 + 4 * 3600 + 59)).toEqual({ unit: 'days', d: 2, h: 4 });
  });
});
