import { describe, expect, it } from 'vitest';
import type { HistorySeries } from '@/lib/storage/types';
import { MAX_POINTS, fillGaps, stepFor, trendRange } from './query';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('stepFor', () => {
  it('picks the finest step that keeps a trend readable', () => {
    expect(stepFor(HOUR)).toBe(MINUTE);
    expect(stepFor(8 * HOUR)).toBe(MINUTE);
    expect(stepFor(DAY)).toBe(5 * MINUTE);
    expect(stepFor(7 * DAY)).toBe(30 * MINUTE);
    expect(stepFor(30 * DAY)).toBe(2 * HOUR);
    expect(stepFor(365 * DAY)).toBe(DAY);
  });

  it('never gives more than MAX_POINTS points up to 200 days', () => {
    for (let range = HOUR; range <= 200 * DAY; range += 7 * HOUR) {
      expect(range / stepFor(range)).toBeLessThanOrEqual(MAX_POINTS);
    }
  });
});

describe('trendRange', () => {
  it('ends with the step in progress and starts on a step boundary', () => {
    const now = Date.UTC(2026, 10, 28, 12, 7, 30);
    expect(trendRange(now, DAY)).toEqual({ fromMs: now - 7.5 * MINUTE + 10 * MINUTE - DAY, toMs: Date.UTC(2026, 10, 28, 12, 10), stepMs: 5 * MINUTE });
    const week = trendRange(now, 7 * DAY);
    expect(week.toMs).toBe(Date.UTC(2026, 10, 28, 12, 30));
    expect((week.toMs - week.fromMs) / week.stepMs).toBe(336);
  });
});

describe('fillGaps', () => {
  const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
  const point = (minutes: number, openChats: number) => ({ atMs: T0 + minutes * MINUTE, openChats, openChatsMax: openChats, oldestAgeSeconds: 60, samples: 5 });

  it('shows steps without samples as null points, so a chart breaks its line where the server was down', () => {
    const series: HistorySeries = { scope: 'total', scopeId: '', points: [point(5, 3), point(20, 4)] };
    const filled = fillGaps(series, T0, T0 + 30 * MINUTE, 5 * MINUTE);
    expect(filled.map((p) => p.openChats)).toEqual([null, 3, null, null, 4, null]);
    expect(filled.map((p) => p.atMs)).toEqual([0, 5, 10, 15, 20, 25].map((m) => T0 + m * MINUTE));
    expect(filled[0]).toEqual({ atMs: T0, openChats: null, openChatsMax: null, oldestAgeSeconds: null, samples: 0 });
    expect(filled[1]).toEqual(point(5, 3));
  });

  it('gives an empty series a full row of gaps', () => {
    expect(fillGaps({ scope: 'operator', scopeId: '7', points: [] }, T0, T0 + HOUR, 30 * MINUTE)).toHaveLength(2);
  });
});
