// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@/lib/settings/schema';
import { renderIn } from '@/tests/support/intl';
import { TeamSettings } from '@/components/settings/teams/team-settings';
import { AlertSettingsSection } from './alert-settings';

// The alerts section against a fake of the routes it uses, the settings checked with the server's
// own schema: it saves the stored document with only its section replaced, names the revision,
// shows a refused field beside it, and says what a test-send did.

interface Server {
  document: Settings;
  revision: number;
  puts: Array<{ body: Record<string, unknown>; ifMatch: string | null }>;
  nextPut: { status: number; code: string; message: string } | null;
  tests: string[];
}
let server: Server;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

beforeEach(() => {
  server = {
    document: { ...DEFAULT_SETTINGS, teams: [{ id: 'support', name: 'Поддержка', operatorIds: ['8101'], channelIds: [] }] },
    revision: 7,
    puts: [],
    nextPut: null,
    tests: [],
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/alerts/channels') {
        return json({
          channels: [
            { kind: 'webhook', configured: true, source: 'env', target: 'hooks.example.com' },
            { kind: 'telegram', configured: false, source: null, target: 'not configured' },
            { kind: 'email', configured: false, source: null, target: 'not configured' },
          ],
        });
      }
      if (url === '/api/alerts/test') {
        const { channel } = JSON.parse(String(init?.body)) as { channel: string };
        server.tests.push(channel);
        return channel === 'webhook'
          ? json({ channel, status: 'sent', message: 'The webhook answered HTTP 200.' })
          : json({ channel, status: 'failed', message: 'Telegram is not configured: set TELEGRAM_BOT_TOKEN and a chat id.' });
      }
      if (url.startsWith('/api/load')) return json({ byUser: [], byChannel: [], byTeam: [], refreshSeconds: 15 });
      if (url !== '/api/settings') return json({ error: { code: 'not_found', message: url } }, 404);
      if (init?.method !== 'PUT') return json(server.document, 200, { etag: `"${server.revision}"` });
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      const ifMatch = new Headers(init.headers).get('if-match');
      server.puts.push({ body, ifMatch });
      if (server.nextPut) {
        const { status, code, message } = server.nextPut;
        server.nextPut = null;
        return json({ error: { code, message } }, status);
      }
      if (ifMatch !== `"${server.revision}"`) return json({ error: { code: 'conflict', message: 'The settings were changed meanwhile.' } }, 409);
      const parsed = parseSettings(body);
      if (!parsed.ok) return json({ error: { code: 'bad_request', message: parsed.message } }, 400);
      server.document = parsed.settings;
      server.revision++;
      return json(server.document, 200, { etag: `"${server.revision}"` });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderSection(locale: 'en' | 'ru' = 'en', withTeams = false) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderIn(
    locale,
    <QueryClientProvider client={client}>
      {withTeams ? <TeamSettings /> : null}
      <AlertSettingsSection />
    </QueryClientProvider>,
  );
}

describe('Settings → Alerts', () => {
  it('shows the default rules, each channel’s state and that secrets stay in the environment', async () => {
    renderSection();
    const first = await screen.findByTestId('alert-rule-0');
    expect(first.dataset.kind).toBe('critical_chats');
    expect(screen.getAllByTestId(/^alert-rule-\d$/).map((rule) => rule.dataset.kind)).toEqual(['critical_chats', 'upstream_down', 'channel_down']);
    expect(screen.getByTestId('alert-rules-note').textContent).toContain('these defaults apply');
    await waitFor(() => expect(within(screen.getByTestId('alert-channel-webhook')).getByTestId('alert-channel-state').textContent).toBe('Configured in the server’s environment'));
    expect(screen.getByTestId('alert-channel-webhook').textContent).toContain('Target: hooks.example.com');
    expect(within(screen.getByTestId('alert-channel-telegram')).getByTestId('alert-channel-state').textContent).toBe('Not configured');
    expect(screen.getByTestId('alert-secrets-note').textContent).toContain('TELEGRAM_BOT_TOKEN');
    expect(screen.getByTestId('alert-secrets-note').textContent).toContain('SMTP_URL');
    expect(screen.queryByTestId('alert-settings-unsaved')).toBeNull();
  });

  it('saves the stored document with its alerts replaced, naming the revision it read', async () => {
    renderSection();
    const first = await screen.findByTestId('alert-rule-0');
    fireEvent.change(within(first).getByTestId('alert-rule-threshold'), { target: { value: '3' } });
    fireEvent.change(within(first).getByTestId('alert-rule-team'), { target: { value: 'support' } });
    fireEvent.click(within(first).getByTestId('alert-rule-channel-telegram'));
    fireEvent.change(screen.getByTestId('alert-target-webhook'), { target: { value: 'https://hooks.example.com/chatload' } });
    fireEvent.change(screen.getByTestId('alert-target-email'), { target: { value: 'duty@example.com, lead@example.com' } });
    fireEvent.click(within(screen.getByTestId('alert-rule-2')).getByTestId('alert-rule-enabled'));
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    await waitFor(() => expect(screen.getByTestId('alert-settings-status').textContent).toBe('Alert settings saved.'));
    expect(server.puts).toHaveLength(1);
    const put = server.puts[0]!;
    expect(put.ifMatch).toBe('"7"');
    expect(put.body.teams).toEqual(server.document.teams);
    expect(server.document.alerts.webhookUrl).toBe('https://hooks.example.com/chatload');
    expect(server.document.alerts.emailTo).toEqual(['duty@example.com', 'lead@example.com']);
    expect(server.document.alerts.rules?.map((rule) => [rule.id, rule.kind, rule.enabled, rule.threshold, rule.teamId, rule.channelIds])).toEqual([
      ['critical-chats', 'critical_chats', true, 3, 'support', ['telegram']],
      ['upstream-down', 'upstream_down', true, 1, null, []],
      ['channel-down', 'channel_down', false, 1, null, []],
    ]);
    expect(screen.queryByTestId('alert-settings-unsaved')).toBeNull();
  });

  it('shows what the page can tell is wrong beside the field, and sends nothing', async () => {
    renderSection();
    const first = await screen.findByTestId('alert-rule-0');
    fireEvent.change(within(first).getByTestId('alert-rule-for'), { target: { value: '-5' } });
    fireEvent.change(screen.getByTestId('alert-target-webhook'), { target: { value: 'hooks.example.com' } });
    expect(within(first).getByTestId('alert-field-problem').textContent).toBe('Must be a whole number of minutes, from 0 to 10080 (a week).');
    expect(screen.getByTestId('alert-target-webhook').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    expect(screen.getByTestId('alert-settings-trouble').textContent).toContain('2 fields need fixing');
    expect(server.puts).toHaveLength(0);
  });

  it('shows the field the server refuses beside it, and keeps the edits', async () => {
    renderSection();
    await screen.findByTestId('alert-rule-0');
    fireEvent.change(screen.getByTestId('alert-target-telegram'), { target: { value: '-1001234567890' } });
    server.nextPut = { status: 400, code: 'bad_request', message: 'alerts.telegramChatId is not a chat the bot can write to' };
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    await screen.findByTestId('alert-settings-refusal');
    const telegram = screen.getByTestId('alert-channel-telegram');
    expect(within(telegram).getByTestId('alert-field-problem').textContent).toBe('alerts.telegramChatId is not a chat the bot can write to');
    expect(screen.getByTestId('alert-target-telegram').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByTestId('alert-target-telegram') as HTMLInputElement).value).toBe('-1001234567890');
    expect(screen.getByTestId('alert-settings-unsaved')).toBeTruthy();
  });

  it('says in a sentence what each test-send did', async () => {
    renderSection();
    await screen.findByTestId('alert-rule-0');
    fireEvent.click(screen.getByTestId('alert-test-webhook'));
    await waitFor(() => expect(screen.getByTestId('alert-test-result-webhook').textContent).toBe('Sent: The webhook answered HTTP 200.'));
    fireEvent.click(screen.getByTestId('alert-test-telegram'));
    await waitFor(() => expect(screen.getByTestId('alert-test-result-telegram').textContent).toBe('Not sent: Telegram is not configured: set TELEGRAM_BOT_TOKEN and a chat id.'));
    expect(screen.getByTestId('alert-test-result-telegram').dataset.status).toBe('failed');
    expect(server.tests).toEqual(['webhook', 'telegram']);
  });

  it('refuses to overwrite someone else’s save and offers to load it', async () => {
    renderSection();
    await screen.findByTestId('alert-rule-0');
    server.revision++;
    fireEvent.change(screen.getByTestId('alert-target-webhook'), { target: { value: 'https://hooks.example.com/x' } });
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    await waitFor(() => expect(screen.getByTestId('alert-settings-trouble').dataset.kind).toBe('conflict'));
    fireEvent.click(screen.getByTestId('alert-settings-reload'));
    await waitFor(() => expect((screen.getByTestId('alert-target-webhook') as HTMLInputElement).value).toBe(''));
    expect(screen.queryByTestId('alert-settings-trouble')).toBeNull();
  });

  it('and the teams section above never undo each other’s saves on the same page', async () => {
    renderSection('en', true);
    const team = await screen.findByTestId('team-card-0');
    await screen.findByTestId('alert-rule-0');
    fireEvent.change(within(team).getByTestId('team-name'), { target: { value: 'Поддержка 24/7' } });
    fireEvent.change(screen.getByTestId('alert-target-webhook'), { target: { value: 'https://hooks.example.com/chatload' } });
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    await waitFor(() => expect(screen.getByTestId('alert-settings-status').textContent).toBe('Alert settings saved.'));
    // The alerts went in without the unsaved team name, which stays on screen, still unsaved.
    expect(server.document.teams[0]!.name).toBe('Поддержка');
    expect(screen.getByTestId('unsaved-bar')).toBeTruthy();
    expect(screen.queryByTestId('settings-newer')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(server.document.teams[0]!.name).toBe('Поддержка 24/7'));
    expect(server.puts.map((put) => put.ifMatch)).toEqual(['"7"', '"8"']);
    expect(server.document.alerts.webhookUrl).toBe('https://hooks.example.com/chatload');
  });
});
