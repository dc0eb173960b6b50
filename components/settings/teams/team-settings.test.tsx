// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadResponse, UserLoad } from '@/lib/load/types';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@/lib/settings/schema';
import { renderIn } from '@/tests/support/intl';
import { TeamSettings } from './team-settings';

// The section against a fake of the two routes it uses, checked with the server's own schema: 200
// operators, a PUT that names its revision, and the refusals the server gives.

const OPERATOR_COUNT = 200;
const names = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Зоя'];
const user = (index: number): UserLoad => ({
  userId: String(8101 + index),
  name: `${names[index % names.length]} ${index}`,
  locked: index === 3,
  deleted: false,
  openChats: 0,
  oldestAgeSeconds: null,
  buckets: [0, 0, 0, 0, 0, 0],
  capacity: null,
  teamIds: [],
  lastActiveAt: null,
  available: true,
  overCapacity: false,
});
const load = {
  byUser: [{ ...user(0), userId: '0', name: null }, ...Array.from({ length: OPERATOR_COUNT }, (_, index) => user(index))],
  byChannel: [
    { apiId: '1401', name: 'Продажи WhatsApp', type: 'whatsapp', state: 'authorized', openChats: 0 },
    { apiId: '1403', name: 'Бот «Доставка»', type: 'tg_bot', state: 'notAuthorized', openChats: 0 },
  ],
  refreshSeconds: 15,
} as unknown as LoadResponse;

interface Server {
  document: Settings;
  revision: number;
  puts: Array<{ body: unknown; ifMatch: string | null }>;
  /** The next PUT is answered with this, whatever it holds. */
  nextPut: { status: number; code: string; message: string } | null;
}
let server: Server;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

beforeEach(() => {
  server = {
    document: { ...DEFAULT_SETTINGS, teams: [{ id: 'night', name: 'Ночная смена', operatorIds: ['8150'], channelIds: [] }] },
    revision: 3,
    puts: [],
    nextPut: null,
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/load') return json(load);
      if (url !== '/api/settings') return json({ error: { code: 'not_found', message: url } }, 404);
      if (init?.method !== 'PUT') return json(server.document, 200, { etag: `"${server.revision}"` });
      const body = JSON.parse(String(init.body)) as unknown;
      const ifMatch = new Headers(init.headers).get('if-match');
      server.puts.push({ body, ifMatch });
      if (server.nextPut) {
        const { status, code, message } = server.nextPut;
        server.nextPut = null;
        return json({ error: { code, message } }, status);
      }
      if (ifMatch !== `"${server.revision}"`) return json({ error: { code: 'conflict', message: 'The settings were changed by Анна meanwhile: load them again, then make your change.' } }, 409);
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

function renderSection(locale: 'en' | 'ru' = 'en') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderIn(
    locale,
    <QueryClientProvider client={client}>
      <TeamSettings />
    </QueryClientProvider>,
  );
}

const card = (index: number) => screen.getByTestId(`team-card-${index}`);

async function ready() {
  await screen.findByTestId('team-card-0');
  // The operator list has arrived when the capacity table has its rows.
  await screen.findByTestId('capacity-row-8101');
}

describe('the teams and capacity settings', () => {
  it('builds a team from a search and a range of 200 operators, sets capacity, and saves with the revision it started from', async () => {
    renderSection();
    await ready();
    expect(screen.queryByTestId('unsaved-bar')).toBeNull();

    fireEvent.click(screen.getByTestId('team-add'));
    const team = card(1);
    const name = within(team).getByTestId('team-name');
    // Focus goes to the new team's name; its id follows the name.
    expect(document.activeElement).toBe(name);
    fireEvent.change(name, { target: { value: 'Поддержка VIP' } });
    expect((within(team).getByTestId('team-id') as HTMLInputElement).value).toBe('podderzhka-vip');
    fireEvent.click(within(team).getByTestId('team-channel-1401'));

    fireEvent.click(within(team).getByTestId('team-operators-toggle'));
    const search = within(team).getByTestId('team-operators-picker-search');
    expect(document.activeElement).toBe(search);
    // "вера" is every eighth of the 200: 25 operators, picked at once.
    fireEvent.change(search, { target: { value: 'вера' } });
    fireEvent.click(within(team).getByTestId('team-operators-picker-select-matching'));
    expect(within(team).getByTestId('team-operators-count').textContent).toBe('25 operators');
    // A range with Shift, in the order shown: Борис 1, 9, 17 and 25.
    fireEvent.change(search, { target: { value: 'борис' } });
    fireEvent.click(within(team).getByTestId('team-operators-picker-option-8102'));
    fireEvent.click(within(team).getByTestId('team-operators-picker-option-8126'), { shiftKey: true });
    expect(within(team).getByTestId('team-operators-count').textContent).toBe('29 operators');
    expect(screen.getByTestId('unsaved-bar').textContent).toContain('Unsaved changes');

    fireEvent.change(screen.getByTestId('default-capacity-kind'), { target: { value: 'limit' } });
    fireEvent.change(screen.getByTestId('default-capacity'), { target: { value: '8' } });
    fireEvent.change(screen.getByTestId('capacity-kind-8102'), { target: { value: 'limit' } });
    fireEvent.change(screen.getByTestId('capacity-value-8102'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('capacity-kind-8103'), { target: { value: 'none' } });

    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toMatch(/^Saved\./));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('settings-status')));
    expect(screen.queryByTestId('unsaved-bar')).toBeNull();
    expect(server.puts).toHaveLength(1);
    expect(server.puts[0]!.ifMatch).toBe('"3"');
    const saved = server.document;
    expect(saved.teams[1]).toMatchObject({ id: 'podderzhka-vip', name: 'Поддержка VIP', channelIds: ['1401'] });
    expect(saved.teams[1]!.operatorIds).toHaveLength(29);
    expect(saved.teams[1]!.operatorIds.slice(0, 2)).toEqual(['8103', '8111']);
    expect(saved.teams[1]!.operatorIds.slice(25)).toEqual(['8102', '8110', '8118', '8126']);
    expect(saved.capacity).toEqual({ default: 8, operators: { '8102': 3, '8103': null } });
    // What the page does not edit is sent back as it came.
    expect(saved.balancing).toEqual(DEFAULT_SETTINGS.balancing);
    expect(saved.teams[0]).toEqual({ id: 'night', name: 'Ночная смена', operatorIds: ['8150'], channelIds: [] });
  });

  it('sets one capacity for many operators picked from a team filter at once', async () => {
    renderSection();
    await ready();
    fireEvent.change(screen.getByTestId('capacity-search'), { target: { value: 'вера' } });
    fireEvent.click(screen.getByTestId('capacity-select-matching'));
    expect(screen.getByTestId('capacity-selected-count').textContent).toBe('25 selected');
    fireEvent.change(screen.getByTestId('capacity-bulk-value'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('capacity-bulk-apply'));
    fireEvent.change(screen.getByTestId('capacity-search'), { target: { value: '' } });
    expect((screen.getByTestId('capacity-value-8103') as HTMLInputElement).value).toBe('5');
    expect(screen.queryByTestId('capacity-value-8102')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(server.revision).toBe(4));
    expect(Object.keys(server.document.capacity.operators)).toHaveLength(25);
  });

  it('shows the field the server refuses near the top, keeps the edits, and takes the manager to it', async () => {
    renderSection();
    await ready();
    fireEvent.change(within(card(0)).getByTestId('team-name'), { target: { value: 'Ночь' } });
    server.nextPut = { status: 400, code: 'bad_request', message: 'teams[0].name must be at most 80 characters' };
    fireEvent.click(screen.getByTestId('settings-save'));
    const banner = await screen.findByTestId('settings-trouble');
    await waitFor(() => expect(document.activeElement).toBe(banner));
    expect(within(banner).getByTestId('settings-refusal').textContent).toBe('teams[0].name must be at most 80 characters');
    expect(screen.getByTestId('unsaved-bar')).toBeTruthy();
    expect((within(card(0)).getByTestId('team-name') as HTMLInputElement).value).toBe('Ночь');
    Element.prototype.scrollIntoView = vi.fn();
    fireEvent.click(within(banner).getByRole('button', { name: 'Show the field' }));
    await waitFor(() => expect(document.activeElement).toBe(within(card(0)).getByTestId('team-name')));
  });

  it('says when someone else saved meanwhile and loads theirs on request', async () => {
    renderSection();
    await ready();
    fireEvent.change(screen.getByTestId('warning-minutes'), { target: { value: '7' } });
    server.document = { ...server.document, thresholds: { warningMinutes: 10, criticalMinutes: 30 } };
    server.revision = 4;
    fireEvent.click(screen.getByTestId('settings-save'));
    const banner = await screen.findByTestId('settings-trouble');
    expect(banner.dataset.kind).toBe('conflict');
    expect(banner.textContent).toContain('Someone else saved the settings');
    expect((screen.getByTestId('warning-minutes') as HTMLInputElement).value).toBe('7');
    fireEvent.click(screen.getByTestId('settings-reload'));
    await waitFor(() => expect((screen.getByTestId('warning-minutes') as HTMLInputElement).value).toBe('10'));
    expect(screen.queryByTestId('unsaved-bar')).toBeNull();
    expect(screen.getByTestId('settings-status').textContent).toBe('The saved settings are loaded again.');
  });

  it('speaks Russian, and words a database that cannot answer in the page language', async () => {
    renderSection('ru');
    await ready();
    expect(within(card(0)).getByTestId('team-operators-count').textContent).toBe('1 оператор');
    fireEvent.change(screen.getByTestId('away-after-minutes'), { target: { value: '45' } });
    server.nextPut = { status: 503, code: 'storage_unavailable', message: 'The database is not available.' };
    fireEvent.click(screen.getByTestId('settings-save'));
    const banner = await screen.findByTestId('settings-trouble');
    expect(banner.textContent).toContain('Сохранить не удалось.');
    expect(banner.textContent).toContain('База данных chatload сейчас недоступна');
    expect(screen.getByTestId('unsaved-bar').textContent).toContain('Есть несохранённые изменения');
  });

  it('lists what the page can see is wrong, without sending anything', async () => {
    renderSection();
    await ready();
    fireEvent.click(screen.getByTestId('team-add'));
    fireEvent.change(within(card(1)).getByTestId('team-id'), { target: { value: 'night' } });
    fireEvent.change(screen.getByTestId('critical-minutes'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    const banner = await screen.findByTestId('settings-trouble');
    expect([...banner.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'New team: name: Give the team a name.',
      'New team: id: Another team has this id.',
      'Critical after, minutes: A whole number of minutes from 1 to 10080 (a week).',
    ]);
    expect(within(card(1)).getByTestId('team-id').getAttribute('aria-invalid')).toBe('true');
    expect(server.puts).toHaveLength(0);
  });

  it('deletes a team only after asking, and Discard brings it back', async () => {
    renderSection();
    await ready();
    fireEvent.click(within(card(0)).getByTestId('team-delete'));
    expect(document.activeElement).toBe(within(card(0)).getByTestId('team-delete-confirm'));
    fireEvent.click(within(card(0)).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(card(0)).getByTestId('team-delete'));
    fireEvent.click(within(card(0)).getByTestId('team-delete'));
    fireEvent.click(within(card(0)).getByTestId('team-delete-confirm'));
    expect(screen.queryByTestId('team-card-0')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('team-add'));
    expect(screen.getByTestId('settings-status').textContent).toContain('“Ночная смена” deleted.');
    fireEvent.click(screen.getByTestId('settings-discard'));
    expect(within(card(0)).getByRole('heading').textContent).toBe('Ночная смена');
    expect(screen.queryByTestId('unsaved-bar')).toBeNull();
  });

  it('previews an imported file, and a refused one changes nothing and names the field', async () => {
    renderSection();
    await ready();
    const file = {
      ...server.document,
      teams: [
        { id: 'night', name: 'Ночная смена', operatorIds: ['8150'], channelIds: [] },
        { id: 'sales', name: 'Продажи', operatorIds: ['8101'], channelIds: ['1401'] },
        { id: 'sales', name: 'Продажи 2', operatorIds: [], channelIds: [] },
      ],
    };
    const input = screen.getByTestId('settings-import-file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(file)], 'settings.json', { type: 'application/json' })] } });
    const preview = await screen.findByTestId('import-preview');
    await waitFor(() => expect(document.activeElement).toBe(within(preview).getByRole('heading')));
    expect(within(preview).getByTestId('import-changes').textContent).toBe('1 team added: Продажи (sales)');
    fireEvent.click(within(preview).getByTestId('import-save'));
    const banner = await screen.findByTestId('settings-trouble');
    expect(banner.textContent).toContain('settings.json was refused.');
    expect(within(banner).getByTestId('settings-refusal').textContent).toBe('teams[2].id "sales" is already the id of teams[1]');
    expect(banner.textContent).toContain('Nothing has changed.');
    expect(server.revision).toBe(3);
    expect(screen.queryByTestId('team-card-1')).toBeNull();
    expect(screen.queryByTestId('unsaved-bar')).toBeNull();

    fireEvent.change(input, { target: { files: [new File(['{"version": 1,'], 'broken.json')] } });
    await waitFor(() => expect(screen.getByTestId('settings-trouble').textContent).toBe('broken.json is not a JSON file: nothing was imported.'));
  });

  it('imports a good file through the same save', async () => {
    renderSection();
    await ready();
    const file = { version: 1, teams: [{ id: 'sales', name: 'Продажи', operatorIds: ['8101', '8102'], channelIds: ['1401'] }], capacity: { default: 6, operators: {} } };
    fireEvent.change(screen.getByTestId('settings-import-file'), { target: { files: [new File([JSON.stringify(file)], 'good.json')] } });
    const preview = await screen.findByTestId('import-preview');
    expect([...within(preview).getByTestId('import-changes').querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      '1 team added: Продажи (sales)',
      '1 team removed: Ночная смена (night)',
      'Default capacity: No limit → 6',
      'The file has no waiting thresholds, availability, balancing and alerts: the defaults apply.',
    ]);
    fireEvent.click(within(preview).getByTestId('import-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('good.json imported and saved.'));
    expect(server.puts[0]!.ifMatch).toBe('"3"');
    expect(server.document.teams.map((team) => team.id)).toEqual(['sales']);
    expect(within(card(0)).getByTestId('team-operators-count').textContent).toBe('2 operators');
  });
});
