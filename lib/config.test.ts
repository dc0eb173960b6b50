import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('runs in demo mode with defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ demo: true, wammApiUrl: null, wammTimezone: 'Europe/Moscow', refreshSeconds: 15, upstreamTimeoutMs: 10_000 });
  });

  it('talks to wamm.chat when a token is set', () => {
    const config = parseConfig({ WAMM_TOKEN: ' abc ', REFRESH_SECONDS: '30', MANAGER_PASSWORD: 'correct horse' });
    expect(config).toMatchObject({ demo: false, wammToken: 'abc', wammApiUrl: 'https://wamm.chat/api2', refreshSeconds: 30 });
  });

  it('drops a trailing slash from WAMM_API_URL and treats empty values as unset', () => {
    expect(parseConfig({ WAMM_TOKEN: 'x', WAMM_API_URL: 'http://127.0.0.1:4010/api2/', AUTH_DISABLED: '1' }).wammApiUrl).toBe('http://127.0.0.1:4010/api2');
    expect(parseConfig({ WAMM_TOKEN: '', WAMM_TIMEZONE: '' })).toMatchObject({ demo: true, wammTimezone: 'Europe/Moscow' });
  });

  it.each([
    [{ REFRESH_SECONDS: '2' }, 'REFRESH_SECONDS: must be at least 5'],
    [{ REFRESH_SECONDS: 'often' }, 'REFRESH_SECONDS'],
    [{ WAMM_TIMEZONE: 'Mars/Olympus' }, 'WAMM_TIMEZONE: must be an IANA time zone name'],
    [{ WAMM_API_URL: 'ftp://example.com' }, 'WAMM_API_URL: must be an http(s) URL'],
    [{ METRICS_TOKEN: 'too-short' }, 'METRICS_TOKEN: must be at least 16 characters'],
    [{ METRICS_TOKEN: 'sixteen chars with spaces' }, 'METRICS_TOKEN: must be printable characters without spaces'],
    [{ WAMM_TOKEN: 'x', MANAGER_PASSWORD: 'correct horse', REDIS_URL: 'redis://127.0.0.1:6379' }, 'Set DATABASE_URL'],
    [{ WAMM_TOKEN: 'x', MANAGER_PASSWORD: 'correct horse', REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/chatload' }, 'Set the same SESSION_SECRET'],
  ])('stops with a message naming the variable for %o', (env, words) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(words);
  });

  it('turns /metrics on only with a METRICS_TOKEN', () => {
    expect(parseConfig({}).metricsToken).toBeNull();
    expect(parseConfig({ METRICS_TOKEN: '' }).metricsToken).toBeNull();
    expect(parseConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
  });

  it('reads the storage and schedule settings, and names a wrong one', () => {
    const config = parseConfig({ SNAPSHOT_AT: '16:00, 8:00,00:00,16:00', SNAPSHOT_EVERY: '30m', HISTORY_RETENTION_DAYS: '7', DATA_DIR: '/var/lib/chatload' });
    expect(config).toMatchObject({ snapshotAtMinutes: [0, 480, 960], snapshotEveryMs: 1_800_000, historyRetentionDays: 7, dataDir: '/var/lib/chatload' });
    expect(parseConfig({})).toMatchObject({ snapshotAtMinutes: [], snapshotEveryMs: null, historyRetentionDays: 30, dataDir: './data', historySampleMs: 60_000 });
    expect(() => parseConfig({ SNAPSHOT_AT: '08:00,25:00' })).toThrow(/SNAPSHOT_AT: "25:00" is not a time/);
    expect(() => parseConfig({ SNAPSHOT_EVERY: '5s' })).toThrow(/SNAPSHOT_EVERY: must be a duration/);
    expect(() => parseConfig({ SNAPSHOT_EVERY: 'often' })).toThrow(/SNAPSHOT_EVERY/);
    expect(() => parseConfig({ HISTORY_RETENTION_DAYS: '0' })).toThrow(/HISTORY_RETENTION_DAYS/);
  });

  it('refuses to show a real team to everyone: a token needs a password, unless sign-in is off on purpose', () => {
    expect(() => parseConfig({ WAMM_TOKEN: 'abc' })).toThrow(/Set MANAGER_PASSWORD .* or set AUTH_DISABLED=1/s);
    expect(parseConfig({ WAMM_TOKEN: 'abc', VIEWER_PASSWORD: 'long enough' }).auth).toMatchObject({ disabled: false, disabledWarning: false, viewerPassword: 'long enough' });
    expect(parseConfig({ WAMM_TOKEN: 'abc', AUTH_DISABLED: '1' }).auth).toMatchObject({ disabled: true, disabledWarning: true });
    // The demo team is open, so the first start just works; with a password it is not.
    expect(parseConfig({}).auth).toMatchObject({ disabled: true, disabledWarning: false });
    expect(parseConfig({ MANAGER_PASSWORD: 'demo-manager' }).auth.disabled).toBe(false);
    expect(() => parseConfig({ WAMM_TOKEN: 'abc', MANAGER_PASSWORD: 'short' })).toThrow(/MANAGER_PASSWORD: must be at least 8 characters/);
    expect(parseConfig({ AUTH_DISABLED: '1', SESSION_IDLE_MINUTES: '30' }).auth.sessionIdleMs).toBe(1_800_000);
    expect(parseConfig({}).auth.frameAncestors).toBe("'none'");
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

  it('reads the alert channels from the environment, with Russian and the public Bot API by default', () => {
    expect(parseConfig({}).alerts).toEqual({
      webhookUrl: null,
      telegramBotToken: null,
      telegramChatId: null,
      telegramApiUrl: 'https://api.telegram.org',
      smtpUrl: null,
      emailFrom: null,
      emailTo: [],
      lang: 'ru',
      publicUrl: null,
    });
    const alerts = parseConfig({
      ALERT_WEBHOOK_URL: 'https://hooks.example.com/services/T0/B0/xyz',
      TELEGRAM_BOT_TOKEN: '123456:AAH-abcdefghijklmnopqrstu',
      TELEGRAM_CHAT_ID: '-1001234567890',
      TELEGRAM_API_URL: 'http://127.0.0.1:9000/',
      SMTP_URL: 'smtps://alerts:secret@smtp.example.com:465',
      ALERT_EMAIL_TO: 'lead@example.com, night@example.com',
      ALERT_LANG: 'en',
      PUBLIC_URL: 'https://chatload.example.com/',
    }).alerts;
    expect(alerts).toMatchObject({ telegramApiUrl: 'http://127.0.0.1:9000', emailTo: ['lead@example.com', 'night@example.com'], lang: 'en', publicUrl: 'https://chatload.example.com' });
  });

  it.each([
    ['TELEGRAM_BOT_TOKEN', 'not-a-token'],
    ['SMTP_URL', 'https://smtp.example.com'],
    ['ALERT_EMAIL_TO', 'lead@example.com, nobody'],
    ['ALERT_LANG', 'de'],
    ['ALERT_WEBHOOK_URL', 'hooks.example.com'],
  ])('refuses a wrong %s, naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}`));
  });
});
