import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { LoadResponse } from '@/lib/load/types';
import type { Settings } from '@/lib/settings/schema';
import { APP_URL, MANAGER_STATE, VIEWER_PASSWORD } from './support/env';
import { sim } from './support/sim';

// The teams and capacity section of Settings against the real server and the simulator: what a
// manager builds there is what the server stores and what /api/load counts with. Every test starts
// from, and the file ends with, the settings nobody has configured ({ "version": 1 }): other specs
// share this server.

const EMPTY_STATE = { cookies: [], origins: [] };

async function stored(request: APIRequestContext): Promise<{ settings: Settings; etag: string }> {
  const response = await request.get('/api/settings');
  expect(response.status()).toBe(200);
  return { settings: (await response.json()) as Settings, etag: response.headers()['etag']! };
}

async function putSettings(request: APIRequestContext, document: unknown) {
  const { etag } = await stored(request);
  const response = await request.put('/api/settings', { data: document, headers: { 'if-match': etag } });
  expect(response.status(), await response.text()).toBe(200);
}

const fold = (text: string) => text.toLocaleLowerCase('ru').replaceAll('ё', 'е');

async function openSettings(page: Page) {
  await page.goto('/settings');
  await expect(page.getByTestId('team-add')).toBeEnabled();
  // The operator list has arrived when the capacity table has rows.
  await expect(page.getByTestId('capacity-table').locator('tbody tr').first()).toBeVisible();
}

test.beforeEach(async ({ context }) => {
  await sim.clearFault();
  await putSettings(context.request, { version: 1 });
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: MANAGER_STATE, baseURL: APP_URL });
  await putSettings(context.request, { version: 1 });
  await context.close();
});

/** What a manager builds in the first test: a team of every operator whose name holds "ова". */
async function teamToBuild() {
  const world = await sim.snapshot();
  const query = 'ова';
  const picked = world.users.filter((user) => fold(user.name).includes(query)).map((user) => String(user.user_id));
  expect(picked.length).toBeGreaterThanOrEqual(3);
  const channel = String(world.channels.find((candidate) => candidate.state === 'authorized')!.api_id);
  return { query, picked, channel, overridden: picked[0]! };
}

/** Through the page, as a manager: search, pick all that match, a channel, a default capacity and one override; saved. */
async function buildTeam(page: Page, { query, picked, channel, overridden }: Awaited<ReturnType<typeof teamToBuild>>) {
  await openSettings(page);
  await page.getByTestId('team-add').click();
  const team = page.getByTestId('team-card-0');
  // Focus is on the new team's name; the id is proposed from it.
  await expect(team.getByTestId('team-name')).toBeFocused();
  await page.keyboard.type('Продажи e2e');
  await expect(team.getByTestId('team-id')).toHaveValue('prodazhi-e2e');
  await team.getByTestId(`team-channel-${channel}`).check();

  await team.getByTestId('team-operators-toggle').click();
  await expect(team.getByTestId('team-operators-picker-search')).toBeFocused();
  await page.keyboard.type(query);
  await expect(team.getByTestId('team-operators-picker').locator('li')).toHaveCount(picked.length);
  await team.getByTestId('team-operators-picker-select-matching').click();
  await expect(team.getByTestId('team-operators-count')).toHaveText(`${picked.length} operators`);
  await team.getByTestId('team-operators-toggle').click();

  await page.getByTestId('default-capacity-kind').selectOption('limit');
  await page.getByTestId('default-capacity').fill('4');
  await page.getByTestId('capacity-search').fill(overridden);
  await page.getByTestId(`capacity-kind-${overridden}`).selectOption('limit');
  await page.getByTestId(`capacity-value-${overridden}`).fill('2');

  await expect(page.getByTestId('unsaved-bar')).toContainText('Unsaved changes');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toContainText('Saved.');
  await expect(page.getByTestId('settings-status')).toBeFocused();
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
}

test('a manager builds a team by search and multi-pick, with a channel and capacities; it is stored and shown again after a reload', async ({ page, context }) => {
  const plan = await teamToBuild();
  await buildTeam(page, plan);
  const { picked, channel, overridden } = plan;

  const { settings } = await stored(context.request);
  expect(settings.teams).toEqual([{ id: 'prodazhi-e2e', name: 'Продажи e2e', operatorIds: expect.arrayContaining(picked), channelIds: [channel] }]);
  expect(settings.teams[0]!.operatorIds).toHaveLength(picked.length);
  expect(settings.capacity).toEqual({ default: 4, operators: { [overridden]: 2 } });

  await page.reload();
  const team = page.getByTestId('team-card-0');
  await expect(team.getByTestId('team-name')).toHaveValue('Продажи e2e');
  await expect(team.getByTestId('team-id')).toHaveValue('prodazhi-e2e');
  await expect(team.getByTestId('team-operators-count')).toHaveText(`${picked.length} operators`);
  await expect(team.getByTestId(`team-channel-${channel}`)).toBeChecked();
  await expect(page.getByTestId('default-capacity')).toHaveValue('4');
  await expect(page.getByTestId(`capacity-value-${overridden}`)).toHaveValue('2');
});

test('/api/load?team= counts the team built on the page: exactly its operators and the unassigned row, with the capacities set', async ({ page, context }) => {
  const plan = await teamToBuild();
  await buildTeam(page, plan);
  const { picked, overridden } = plan;
  const byId = ([a]: readonly [string, number | null], [b]: readonly [string, number | null]) => a.localeCompare(b);
  // The data set takes the new settings at its next refresh at the latest; until then the team is unknown there.
  await expect
    .poll(
      async () => {
        const response = await context.request.get('/api/load?team=prodazhi-e2e');
        if (!response.ok()) return `HTTP ${response.status()}: ${await response.text()}`;
        const load = (await response.json()) as LoadResponse;
        return load.byUser.map((row) => [row.userId, row.capacity] as const).sort(byId);
      },
      { timeout: 15_000 },
    )
    .toEqual([...picked.map((id) => [id, id === overridden ? 2 : 4] as const), ['0', null] as const].sort(byId));
});

test('many operators get one capacity at once: a Shift range in the capacity table, then Apply', async ({ page, context }) => {
  await openSettings(page);
  const rows = page.getByTestId('capacity-table').locator('tbody tr');
  const ids = (await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-testid')!.replace('capacity-row-', '')))).slice(0, 5);
  await page.getByTestId(`capacity-select-${ids[0]}`).check();
  await page.getByTestId(`capacity-select-${ids[4]}`).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('capacity-selected-count')).toHaveText('5 selected');
  await page.getByTestId('capacity-bulk-value').fill('3');
  await page.getByTestId('capacity-bulk-apply').click();
  for (const id of ids) await expect(page.getByTestId(`capacity-value-${id}`)).toHaveValue('3');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toContainText('Saved.');
  expect((await stored(context.request)).settings.capacity.operators).toEqual(Object.fromEntries(ids.map((id) => [id, 3])));
});

test('an imported file the server refuses changes nothing, and the page names the field', async ({ page, context }) => {
  const before: Settings['teams'] = [{ id: 'support', name: 'Поддержка', operatorIds: [], channelIds: [] }];
  await putSettings(context.request, { version: 1, teams: before });
  const saved = await stored(context.request);

  await openSettings(page);
  const file = { version: 1, teams: [{ id: 'dup', name: 'Первая' }, { id: 'dup', name: 'Вторая' }] };
  await page.getByTestId('settings-import-file').setInputFiles({ name: 'bad-settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByRole('heading')).toBeFocused();
  await expect(preview.getByTestId('import-changes')).toContainText('1 team removed: Поддержка (support)');
  await preview.getByTestId('import-save').click();

  const trouble = page.getByTestId('settings-trouble');
  await expect(trouble).toBeFocused();
  await expect(trouble).toContainText('bad-settings.json was refused.');
  await expect(trouble.getByTestId('settings-refusal')).toHaveText('teams[1].id "dup" is already the id of teams[0]');
  await expect(trouble).toContainText('Nothing has changed.');
  expect(await stored(context.request)).toEqual(saved);
  await expect(page.getByTestId('team-card-0').getByTestId('team-name')).toHaveValue('Поддержка');
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
});

test('export downloads the saved document, and importing it back changes nothing', async ({ page, context }) => {
  await putSettings(context.request, { version: 1, teams: [{ id: 'night', name: 'Ночная смена', operatorIds: ['8101'], channelIds: [] }], capacity: { default: 6, operators: {} } });
  const { settings } = await stored(context.request);
  await openSettings(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^chatload-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(text)).toEqual(settings);
  expect(text).toContain('\n  "teams": [');

  await page.getByTestId('settings-import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-preview')).toContainText('Nothing: the file holds the settings as they are saved.');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('settings-import')).toBeFocused();
});

test('a save after someone else saved is refused, says so, and offers their settings', async ({ page, context }) => {
  await openSettings(page);
  await page.getByTestId('warning-minutes').fill('7');
  // Another manager saves meanwhile.
  await putSettings(context.request, { version: 1, thresholds: { warningMinutes: 10, criticalMinutes: 40 } });
  await page.getByTestId('settings-save').click();
  const trouble = page.getByTestId('settings-trouble');
  await expect(trouble).toContainText('Someone else saved the settings while you were editing');
  await expect(page.getByTestId('warning-minutes')).toHaveValue('7');
  await page.getByTestId('settings-reload').click();
  await expect(page.getByTestId('warning-minutes')).toHaveValue('10');
  await expect(page.getByTestId('critical-minutes')).toHaveValue('40');
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
});

test('the section fits a phone screen and has no serious accessibility problems while editing, in light and dark', async ({ page, context }) => {
  await putSettings(context.request, { version: 1, teams: [{ id: 'support', name: 'Поддержка', operatorIds: ['8101', '8102'], channelIds: ['1401'] }] });
  await page.setViewportSize({ width: 390, height: 844 });
  await openSettings(page);
  await page.getByTestId('team-card-0').getByTestId('team-operators-toggle').click();
  await page.getByTestId('team-card-0').getByTestId('team-name').fill('Поддержка и продажи');
  await expect(page.getByTestId('unsaved-bar')).toBeVisible();
  // Nothing of the section is wider than the screen: wide tables scroll inside their own frame.
  const spill = await page.getByTestId('team-settings').evaluate((section) => ({
    right: section.getBoundingClientRect().right - document.documentElement.clientWidth,
    inside: section.scrollWidth - section.clientWidth,
  }));
  expect(spill.right).toBeLessThanOrEqual(0);
  expect(spill.inside).toBeLessThanOrEqual(0);
  // The bar is on screen while the manager works further down.
  await page.getByTestId('capacity-table').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('settings-save')).toBeInViewport();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).include('[data-testid="team-settings"]').analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${colorScheme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  }
});

test('a viewer gets no settings page, and the settings API refuses them', async ({ browser }) => {
  const viewer = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  expect((await viewer.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  const page = await viewer.newPage();
  await page.goto('/settings');
  await expect(page.getByTestId('no-access')).toBeVisible();
  await expect(page.getByTestId('team-settings')).toHaveCount(0);
  expect((await viewer.request.get('/api/settings')).status()).toBe(403);
  expect((await viewer.request.put('/api/settings', { data: { version: 1, teams: [{ id: 'mine', name: 'Mine' }] } })).status()).toBe(403);
  await viewer.close();
});
