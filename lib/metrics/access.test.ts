import { describe, expect, it } from 'vitest';
import { metricsAccess } from './access';

describe('who may read /metrics', () => {
  const token = 'metrics-token-0123456789';

  it('is off without a token, whatever is sent', () => {
    expect(metricsAccess(null, null)).toBe('off');
    expect(metricsAccess(null, `Bearer ${token}`)).toBe('off');
  });

  it('allows only the exact bearer token', () => {
    expect(metricsAccess(token, `Bearer ${token}`)).toBe('allowed');
    expect(metricsAccess(token, `bearer ${token}`)).toBe('allowed');
    for (const header of [null, '', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, 'Bearer ', `Bearer ${token} extra`]) {
      expect(metricsAccess(token, header)).toBe('refused');
    }
  });
});
