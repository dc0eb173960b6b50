import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('runs in demo mode with defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ demo: true, wammApiUrl: null, wammTimezone: 'Europe/Moscow', refreshSeconds: 15, upstreamTimeoutMs: 10_000 });
  });

  it('talks to wamm.chat when a token is set', () => {
    const config = parseConfig({ WAMM_TOKEN: ' abc ', REFRESH_SECONDS: '30' });
    expect(config).toMatchObject({ demo: false, wammToken: 'abc', wammApiUrl: 'https://wamm.chat/api2', refreshSeconds: 30 });
  });

  it('drops a trailing slash from WAMM_API_URL and treats empty values as unset', () => {
    expect(parseConfig({ WAMM_TOKEN: 'x', WAMM_API_URL: 'http://127.0.0.1:4010/api2/' }).wammApiUrl).toBe('http://127.0.0.1:4010/api2');
    expect(parseConfig({ WAMM_TOKEN: '', WAMM_TIMEZONE: '' })).toMatchObject({ demo: true, wammTimezone: 'Europe/Moscow' });
  });

  it.each([
    [{ REFRESH_SECONDS: '2' }, 'REFRESH_SECONDS: must be at least 5'],
    [{ REFRESH_SECONDS: 'often' }, 'REFRESH_SECONDS'],
    [{ WAMM_TIMEZONE: 'Mars/Olympus' }, 'WAMM_TIMEZONE: must be an IANA time zone name'],
    [{ WAMM_API_URL: 'ftp://example.com' }, 'WAMM_API_URL: must be an http(s) URL'],
  ])('stops with a message naming the variable for %o', (env, words) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(words);
  });

  it('never puts the token in a configuration error', () => {
    let message = '';
    try {
      parseConfig({ WAMM_TOKEN: 'very-secret-token', REFRESH_SECONDS: 'x' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('REFRESH_SECONDS');
    expect(message).not.toContain('very-secret-token');
  });
});
