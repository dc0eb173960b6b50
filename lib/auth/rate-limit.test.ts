import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './rate-limit';

const WINDOW = 15 * 60_000;

function limiter(now: () => number) {
  return new AttemptLimiter({ perAddress: 5, overall: 50, windowMs: WINDOW, now });
}

describe('the sign-in limit', () => {
  it('lets five failures through, then makes the address wait until the oldest leaves the window', () => {
    let now = 0;
    const limits = limiter(() => now);
    for (let i = 0; i < 5; i++) {
      const { verdict, attempt } = limits.reserve('10.0.0.1');
      expect(verdict.ok).toBe(true);
      attempt!.fail();
      now += 1000;
    }
    expect(limits.reserve('10.0.0.1').verdict).toEqual({ ok: false, retryAfterSeconds: 895 });
    expect(limits.reserve('10.0.0.2').verdict.ok).toBe(true);
    now = WINDOW + 1;
    expect(limits.reserve('10.0.0.1').verdict.ok).toBe(true);
  });

  it('counts attempts still being checked: 200 at once get five reservations', () => {
    const limits = limiter(() => 0);
    const reserved = Array.from({ length: 200 }, () => limits.reserve('10.0.0.1')).filter((r) => r.verdict.ok);
    expect(reserved).toHaveLength(5);
    for (const { attempt } of reserved) attempt!.fail();
    expect(limits.reserve('10.0.0.1').verdict.ok).toBe(false);
  });

  it('gives a reservation back when nothing was checked', () => {
    const limits = limiter(() => 0);
    for (let i = 0; i < 20; i++) limits.reserve('a').attempt!.release();
    expect(limits.reserve('a').verdict.ok).toBe(true);
  });

  it('forgives an address once it signs in', () => {
    const limits = limiter(() => 0);
    for (let i = 0; i < 4; i++) limits.reserve('a').attempt!.fail();
    limits.reserve('a').attempt!.succeed();
    for (let i = 0; i < 5; i++) expect(limits.reserve('a').verdict.ok).toBe(true);
  });

  it('never lets failures from many addresses lock out someone who has not failed', () => {
    const limits = limiter(() => 0);
    for (let i = 0; i < 60; i++) limits.reserve(`10.0.1.${i}`).attempt!.fail();
    // The guessers who failed once already must wait…
    expect(limits.reserve('10.0.1.3').verdict.ok).toBe(false);
    // …but a new address, a supervisor at the office, still gets in.
    expect(limits.reserve('192.168.1.20').verdict.ok).toBe(true);
  });

  it('does not let one address exhaust the overall limit for others', () => {
    const limits = limiter(() => 0);
    for (let i = 0; i < 200; i++) limits.reserve('10.6.6.6').attempt?.fail();
    limits.reserve('192.168.1.20').attempt!.fail();
    expect(limits.reserve('192.168.1.20').verdict.ok).toBe(true);
  });
});
