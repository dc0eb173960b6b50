import { describe, expect, it } from 'vitest';
import { pollDelayMs } from './keys';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('pollDelayMs', () => {
  it('asks a second after the next refresh is due, so a change shows within one window', () => {
    expect(pollDelayMs(at(4_000), 15, NOW)).toBe(5_000);
  });

  it('asks again after a second when the refresh is overdue, never at once in a loop', () => {
    expect(pollDelayMs(at(-30_000), 15, NOW)).toBe(1_000);
  });

  it('never waits much longer than the interval, whatever time the server names', () => {
    expect(pollDelayMs(at(3_600_000), 15, NOW)).toBe(16_000);
  });

  it('falls back to the interval when the server gives no time or an unreadable one', () => {
    expect(pollDelayMs(undefined, 30, NOW)).toBe(30_000);
    expect(pollDelayMs('soon', 30, NOW)).toBe(30_000);
    expect(pollDelayMs(undefined, undefined, NOW)).toBe(15_000);
  });
});
