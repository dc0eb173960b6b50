import type { HistoryPoint, HistorySeries } from '@/lib/storage/types';

// Trend ranges and steps. A trend keeps at most MAX_POINTS points whatever its range, and a
// stretch without samples stays visible: fillGaps turns a missing step into a null point, so a
// chart (recharts with connectNulls off) breaks its line where the server was down instead of
// drawing a straight line across the outage.

const MINUTE_MS = 60_000;
export const MAX_POINTS = 500;

/** Steps a trend may use, in minutes: each divides a day, so steps line up with UTC midnight. */
const STEP_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440] as const;

/** The smallest step giving at most MAX_POINTS points: 8 h → 1 min, 24 h → 5 min, 7 d → 30 min, 30 d → 2 h. */
export function stepFor(rangeMs: number): number {
  for (const minutes of STEP_MINUTES) {
    if (rangeMs / (minutes * MINUTE_MS) <= MAX_POINTS) return minutes * MINUTE_MS;
  }
  return STEP_MINUTES[STEP_MINUTES.length - 1]! * MINUTE_MS;
}

export interface TrendRange {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

/**
 * The last `rangeMs` up to now, on step boundaries, ending with the step in progress, so the
 * first step is whole and the newest sample is in the last one.
 */
export function trendRange(nowMs: number, rangeMs: number): TrendRange {
  const stepMs = stepFor(rangeMs);
  const toMs = Math.floor(nowMs / stepMs) * stepMs + stepMs;
  return { fromMs: toMs - Math.ceil(rangeMs / stepMs) * stepMs, toMs, stepMs };
}

/** A step of a dense trend; null values where no sample was recorded in the step. */
export interface TrendPoint {
  atMs: number;
  openChats: number | null;
  openChatsMax: number | null;
  oldestAgeSeconds: number | null;
  /** 0 for a gap; below the step's minutes when the recorder missed part of it. */
  samples: number;
}

/** Every step of [fromMs, toMs), missing steps as null points. */
export function fillGaps(series: HistorySeries, fromMs: number, toMs: number, stepMs: number): TrendPoint[] {
  const byStart = new Map<number, HistoryPoint>();
  for (const point of series.points) byStart.set(point.atMs, point);
  const points: TrendPoint[] = [];
  for (let atMs = Math.floor(fromMs / stepMs) * stepMs; atMs < toMs; atMs += stepMs) {
    points.push(byStart.get(atMs) ?? { atMs, openChats: null, openChatsMax: null, oldestAgeSeconds: null, samples: 0 });
  }
  return points;
}
