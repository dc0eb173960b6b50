import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

describe('the sign-in limit', () => {
  it('lets five failures through, then makes the address wait until the oldest leaves the window', () => {
    let now = 0;
    const limiter = new FailureLimiter(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
      limiter.fail('10.0.0.1');
      now += 1000;
    }
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(55);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('forgives an address once it signs in', () => {
    const limiter = new FailureLimiter(2, 60_000, () => 0);
    limiter.fail('a');
    limiter.fail('a');
    expect(limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    limiter.succeed('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });
});
