import { describe, expect, it } from 'vitest';
import type { LoadResponse } from '@/lib/load/types';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';
import { wordsIn } from '@/tests/support/intl';
import { bannerFor } from './status';

const now = new Date('2026-11-28T14:05:00');
const fresh = {
  asOf: new Date('2026-11-28T14:02:10').toISOString(),
  stale: false,
  complete: true,
  upstreamError: null,
} as LoadResponse;
const en = wordsIn('en');
const ru = wordsIn('ru');

describe('the status banner', () => {
  it('stays away when all is well', () => {
    expect(bannerFor(fresh, null, en, now)).toBeNull();
  });

  it('says stale data is old, since when, and why — in the page language, from the error code', () => {
    const stale = {
      ...fresh,
      stale: true,
      upstreamError: { code: 'upstream_unavailable' as const, message: 'wamm.chat cannot be reached (connection refused)', detail: 'connection refused' },
    };
    expect(bannerFor(stale, null, en, now)).toMatchObject({
      kind: 'stale',
      title: 'Showing data from 14:02:10 — wamm.chat is not answering: wamm.chat cannot be reached (connection refused).',
    });
    expect(bannerFor(stale, null, ru, now)?.title).toBe(
      'Показаны данные на 14:02:10 — wamm.chat не отвечает: wamm.chat недоступен (connection refused).',
    );
    const token = { ...fresh, stale: true, upstreamError: { code: 'token_fail' as const, message: 'wamm.chat rejected the API token (token fail): check WAMM_TOKEN' } };
    expect(bannerFor(token, null, ru, now)?.title).toBe('Показаны данные на 14:02:10 — wamm.chat не отвечает: wamm.chat отклонил API-токен: проверьте WAMM_TOKEN.');
  });

  it('says partial numbers are partial and why, with the counts in the right plural form', () => {
    const partial = (count: number) => ({ ...fresh, complete: false, partial: { code: 'operator_chats_failed' as const, count, cap: 900 } });
    expect(bannerFor(partial(1), null, en, now)).toMatchObject({ kind: 'partial', title: 'These numbers are partial.' });
    expect(bannerFor(partial(1), null, en, now)?.detail).toContain('the chats of 1 operator could not');
    expect(bannerFor(partial(3), null, en, now)?.detail).toContain('the chats of 3 operators could not');
    expect(bannerFor(partial(1), null, ru, now)?.detail).toContain('чаты 1 оператора не загрузились');
    expect(bannerFor(partial(5), null, ru, now)?.detail).toContain('чаты 5 операторов не загрузились');
    // A server that gives only its sentence is still heard.
    expect(bannerFor({ ...fresh, complete: false, partialReason: 'the chats of 2 operators could not be loaded' }, null, en, now)?.detail).toBe(
      'the chats of 2 operators could not be loaded',
    );
  });

  it('words the upstream failure from its code when there is nothing to show', () => {
    const error = new ApiRequestError(502, 'upstream_unavailable', 'wamm.chat cannot be reached (connection refused)', 'connection refused');
    const banner = bannerFor(undefined, error, en, now);
    expect(banner).toMatchObject({ kind: 'error', title: 'wamm.chat cannot be reached (connection refused).' });
    expect(banner?.detail).toMatch(/keeps trying/);
    expect(bannerFor(undefined, error, ru, now)?.title).toBe('wamm.chat недоступен (connection refused).');
  });

  it('explains a request our server refused, naming the parameter, instead of showing nothing', () => {
    const banner = bannerFor(undefined, new ApiRequestError(400, 'bad_request', 'user must be an operator id (user_id) (digits only), or empty for all'), en, now);
    expect(banner?.kind).toBe('error');
    expect(banner?.title).toContain('user must be an operator id');
    expect(banner?.detail).toMatch(/clear them/);
  });

  it('tells a lost connection to our own server apart, keeping the numbers', () => {
    const banner = bannerFor(fresh, new OfflineError(), en, now);
    expect(banner?.kind).toBe('offline');
    expect(banner?.detail).toContain('14:02:10');
    expect(bannerFor(fresh, new OfflineError(), ru, now)).toMatchObject({ title: 'Нет связи с сервером панели.', detail: 'Повторяем автоматически. Показаны цифры на 14:02:10.' });
  });

  it('puts a lost connection before stale data', () => {
    expect(bannerFor({ ...fresh, stale: true }, new OfflineError(), en, now)?.kind).toBe('offline');
  });
});
