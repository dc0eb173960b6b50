import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS, ageBucketIndex, formatAge } from './ages';

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

describe('formatAge', () => {
  it('writes ages short and readable', () => {
    expect(formatAge(null)).toBe('—');
    expect(formatAge(42)).toBe('42 s');
    expect(formatAge(7 * 60 + 5)).toBe('7 min');
    expect(formatAge(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
    expect(formatAge(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
  });
});
