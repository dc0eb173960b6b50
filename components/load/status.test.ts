import { describe, expect, it } from 'vitest';
import type { LoadResponse } from '@/lib/load/types';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';
import { bannerFor } from './status';

const now = new Date('2026-11-28T14:05:00');
const fresh = {
  asOf: new Date('2026-11-28T14:02:10').toISOString(),
  stale: false,
  complete: true,
  upstreamError: null,
} as LoadResponse;

describe('the status banner', () => {
  it('stays away when all is well', () => {
    expect(bannerFor(fresh, null, now)).toBeNull();
  });

  it('says stale data is old, since when, and why', () => {
    const banner = bannerFor(
      { ...fresh, stale: true, upstreamError: { code: 'token_fail', message: 'wamm.chat rejected the API token (token fail): check WAMM_TOKEN' } },
      null,
      now,
    );
    expect(banner?.kind).toBe('stale');
    expect(banner?.title).toBe(
      'Showing data from 14:02:10 — wamm.chat is not answering: wamm.chat rejected the API token (token fail): check WAMM_TOKEN.',
    );
  });

  it('says partial numbers are partial, with the server’s reason', () => {
    const banner = bannerFor({ ...fresh, complete: false, partialReason: 'the chats of 2 operators could not be loaded' }, null, now);
    expect(banner).toMatchObject({ kind: 'partial', detail: 'the chats of 2 operators could not be loaded' });
  });

  it('shows the upstream failure in the server’s words when there is nothing to show', () => {
    const banner = bannerFor(undefined, new ApiRequestError(502, 'upstream_unavailable', 'wamm.chat cannot be reached (connection refused)'), now);
    expect(banner).toMatchObject({ kind: 'error', title: 'wamm.chat cannot be reached (connection refused).' });
    expect(banner?.detail).toMatch(/keeps trying/);
  });

  it('explains a request our server refused instead of showing nothing', () => {
    const banner = bannerFor(undefined, new ApiRequestError(400, 'bad_request', 'user must be an operator id (user_id) (digits only), or empty for all'), now);
    expect(banner?.kind).toBe('error');
    expect(banner?.detail).toMatch(/clear them/);
  });

  it('tells a lost connection to our own server apart, keeping the numbers', () => {
    const banner = bannerFor(fresh, new OfflineError(), now);
    expect(banner?.kind).toBe('offline');
    expect(banner?.detail).toContain('14:02:10');
  });

  it('puts a lost connection before stale data', () => {
    expect(bannerFor({ ...fresh, stale: true }, new OfflineError(), now)?.kind).toBe('offline');
  });
});
