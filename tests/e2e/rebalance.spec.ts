import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { APP_URL, MANAGER_STATE, SIM_URL, VIEWER_PASSWORD } from './support/env';
import { sim, userIdOf, type WireChat } from './support/sim';

// Rebalancing by hand, against the simulator (whose contact_to_user moves chats in its world): a
// manager plans the unassigned chats of a team, drops one move and changes one target, applies, and
// the results on screen, the simulator's world and /api/load must all change exactly as applied;
// the same moves again move nothing; a write whose answer is lost is reported from a re-read, sent
// once; one chat reassigned from the drill-down and undone from the moves log; a viewer sees none of it.

const SALES_CHANNEL = '1401';
const SUPPORT_CHANNEL = '1402';
const CAPACITY = 50;
const EMPTY_STATE = { cookies: [], origins: [] };

interface Teams {
  support: string[];
  sales: string[];
}
let teams: Teams;

async function putSettings(request: APIRequestContext, document: unknown): Promise<void> {
  const response = await request.put('/api/settings', { data: document });
  expect(response.status(), await response.text()).toBe(200);
}

function settingsDocument(balancing: Record<string, unknown> = {}) {
  return {
    version: 1,
    teams: [
      { id: 'support', name: 'Support', operatorIds: teams.support, channelIds: [SUPPORT_CHANNEL] },
      { id: 'sales', name: 'Sales', operatorIds: teams.sales, channelIds: [SALES_CHANNEL] },
    ],
    capacity: { default: CAPACITY, operators: {} },
    availability: { awayAfterMinutes: 30 },
    // Only the unassigned chats are planned: the numbers below are counted by hand from them.
    balancing: { rules: { unassigned: true, awayOperators: false, overCapacity: false, waitingTooLong: false }, ...balancing },
  };
}

const isGroup = (chat: WireChat) => /@g\.us$|^-\d+$/.test(chat.phone);
const unassignedOn = (chats: readonly WireChat[], channel: string) => chats.filter((chat) => userIdOf(chat) === '0' && String(chat.api_id) === channel);

function countBy(chats: readonly WireChat[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const chat of chats) counts.set(userIdOf(chat), (counts.get(userIdOf(chat)) ?? 0) + 1);
  return counts;
}

async function contactCalls(): Promise<number> {
  const response = await fetch(`${SIM_URL}/__sim/stats`);
  return ((await response.json()) as { contact_to_user: number }).contact_to_user;
}

async function makePlan(page: Page, team: 'sales' | 'support'): Promise<void> {
  await page.goto(`/rebalance?team=${team}`);
  await expect(page.getByTestId('rebalance-team')).toHaveValue(team);
  await page.getByTestId('make-plan').click();
  await expect(page.getByTestId('plan-age')).toBeVisible();
}

/** The plan's moves as the page shows them: chat id and the chosen target. */
async function planShown(page: Page): Promise<Array<{ chatId: string; toUserId: string }>> {
  const rows = page.locator('[data-testid^="plan-move-"]');
  const moves: Array<{ chatId: string; toUserId: string }> = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const chatId = (await row.getAttribute('data-testid'))!.replace('plan-move-', '');
    moves.push({ chatId, toUserId: await row.getByTestId('target').inputValue() });
  }
  return moves;
}

async function applyShown(page: Page, count: number): Promise<void> {
  await page.getByTestId('apply').click();
  const confirm = page.getByTestId('apply-confirm');
  await expect(confirm).toContainText('wamm.chat');
  await expect(confirm).toContainText(`${count} chat`);
  await confirm.getByTestId('apply-yes').click();
  await expect(page.getByTestId('apply-summary')).toBeVisible({ timeout: 30_000 });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  await sim.clearFault();
  await sim.setDataset('demo');
  expect((await fetch(`${SIM_URL}/__sim/tick`, { method: 'POST' })).ok).toBe(true);
  const { users } = await sim.snapshot();
  const usable = users.filter((user) => Number(user.lock) === 0 && Number(user.deleted) === 0).map((user) => String(user.user_id));
  teams = { support: usable.slice(0, Math.ceil(usable.length / 2)), sales: usable.slice(Math.ceil(usable.length / 2)) };
  const context = await browser.newContext({ storageState: MANAGER_STATE });
  await putSettings(context.request, settingsDocument());
  await context.close();
});

test.afterAll(async ({ browser }) => {
  await sim.clearFault();
  const context = await browser.newContext({ storageState: MANAGER_STATE });
  await putSettings(context.request, { version: 1 });
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Rebalance page with a plan has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await makePlan(page, 'sales');
    await expect(page.locator('[data-testid^="plan-move-"]').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
}

test('a plan for a team’s unassigned chats, one move dropped and one target changed, is applied exactly as shown', async ({ page }) => {
  test.setTimeout(120_000);
  const before = await sim.snapshot();
  const waiting = unassignedOn(before.chats, SALES_CHANNEL);
  const personal = waiting.filter((chat) => !isGroup(chat));
  expect(personal.length, 'the demo data has unassigned chats on the sales channel').toBeGreaterThanOrEqual(3);

  await makePlan(page, 'sales');
  const planned = await planShown(page);
  // Every personal unassigned chat of the channel, each to a sales operator; a group stays, said why.
  expect(planned.map((move) => move.chatId).sort()).toEqual(personal.map((chat) => String(chat.chat_id)).sort());
  for (const move of planned) expect(teams.sales).toContain(move.toUserId);
  for (const move of planned) await expect(page.getByTestId(`plan-move-${move.chatId}`)).toContainText('nobody is responsible for it');
  if (waiting.length > personal.length) await expect(page.getByTestId('not-placed')).toContainText(/stays? where/);

  // Drop the first move; give the second to another sales operator the list offers.
  const dropped = planned[0]!;
  await page.getByTestId(`plan-move-${dropped.chatId}`).getByTestId('keep').uncheck();
  const changed = planned[1]!;
  const select = page.getByTestId(`plan-move-${changed.chatId}`).getByTestId('target');
  const offered = await select.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  for (const id of offered) expect(teams.sales).toContain(id);
  const other = offered.find((id) => id !== changed.toUserId)!;
  expect(other).toBeTruthy();
  await select.selectOption(other);
  const kept = planned.slice(1).map((move) => (move.chatId === changed.chatId ? { ...move, toUserId: other } : move));

  // Before → after, counted by hand from the simulator's data and the kept moves.
  const counts = countBy(before.chats);
  const incoming = new Map<string, number>();
  for (const move of kept) incoming.set(move.toUserId, (incoming.get(move.toUserId) ?? 0) + 1);
  for (const [userId, added] of incoming) {
    const row = page.getByTestId(`change-${userId}`);
    await expect(row.getByTestId('before')).toHaveText(`${counts.get(userId) ?? 0} / ${CAPACITY}`);
    await expect(row.getByTestId('after')).toHaveText(`${(counts.get(userId) ?? 0) + added} / ${CAPACITY}`);
  }
  await expect(page.getByTestId('change-0').getByTestId('after')).toHaveText(String((counts.get('0') ?? 0) - kept.length));
  await expect(page.getByTestId('apply')).toHaveText(`Apply ${kept.length} moves`);

  await fetch(`${SIM_URL}/__sim/stats/reset`, { method: 'POST' });
  await applyShown(page, kept.length);
  await expect(page.getByTestId('apply-summary')).toContainText(`${kept.length} moved, 0 skipped, 0 failed`);
  for (const move of kept) {
    const result = page.getByTestId(`plan-move-${move.chatId}`).getByTestId('move-result');
    await expect(result).toHaveAttribute('data-status', 'moved');
    await expect(result).toContainText('Moved: the new operator is responsible for the chat now.');
  }
  await expect(page.getByTestId(`plan-move-${dropped.chatId}`).getByTestId('move-result')).toHaveText('dropped');
  expect(await contactCalls()).toBe(kept.length);

  // The simulator's world moved exactly the kept chats, to the chosen operators; nothing else.
  const after = await sim.snapshot();
  const owner = new Map(after.chats.map((chat) => [String(chat.chat_id), userIdOf(chat)]));
  for (const move of kept) expect(owner.get(move.chatId)).toBe(move.toUserId);
  expect(owner.get(dropped.chatId)).toBe('0');
  const expected = new Map(counts);
  expected.set('0', (expected.get('0') ?? 0) - kept.length);
  for (const [userId, added] of incoming) expected.set(userId, (expected.get(userId) ?? 0) + added);
  expect(Object.fromEntries(countBy(after.chats))).toEqual(Object.fromEntries([...expected].filter(([, n]) => n > 0)));

  // /api/load shows the new load within seconds.
  await expect
    .poll(async () => {
      const body = (await (await page.request.get('/api/load')).json()) as { byUser: Array<{ userId: string; openChats: number }> };
      return Object.fromEntries(body.byUser.filter((row) => row.openChats > 0).map((row) => [row.userId, row.openChats]));
    }, { timeout: 20_000 })
    .toEqual(Object.fromEntries([...expected].filter(([, n]) => n > 0)));

  // The same moves again move nothing: each is skipped, said why, and nothing is sent.
  await fetch(`${SIM_URL}/__sim/stats/reset`, { method: 'POST' });
  await applyShown(page, kept.length);
  await expect(page.getByTestId('apply-summary')).toContainText(`0 moved, ${kept.length} skipped`);
  for (const move of kept) {
    const result = page.getByTestId(`plan-move-${move.chatId}`).getByTestId('move-result');
    await expect(result).toHaveAttribute('data-status', 'skipped');
    await expect(result).toContainText('Skipped: the chat is there already');
  }
  expect(await contactCalls()).toBe(0);
  expect(Object.fromEntries(countBy((await sim.snapshot()).chats))).toEqual(Object.fromEntries([...expected].filter(([, n]) => n > 0)));
});

for (const fault of [
  { kind: 'http_500_after_apply', team: 'sales' as const, what: 'an HTTP 500 after the move' },
  { kind: 'hang_after_apply', team: 'support' as const, what: 'a timeout after the move' },
]) {
  test(`a move whose answer is lost (${fault.what}) is read again and reported moved, sent once`, async ({ page }) => {
    test.setTimeout(90_000);
    await makePlan(page, fault.team);
    const planned = await planShown(page);
    expect(planned.length).toBeGreaterThanOrEqual(1);
    // Keep only the first move.
    for (const move of planned.slice(1)) await page.getByTestId(`plan-move-${move.chatId}`).getByTestId('keep').uncheck();
    const move = planned[0]!;
    await fetch(`${SIM_URL}/__sim/stats/reset`, { method: 'POST' });
    await sim.setFault({ kind: fault.kind, methods: ['contact_to_user'], times: 1 });
    await applyShown(page, 1);
    const result = page.getByTestId(`plan-move-${move.chatId}`).getByTestId('move-result');
    await expect(result).toHaveAttribute('data-status', 'moved');
    await expect(result).toContainText('Moved');
    expect(await contactCalls()).toBe(1);
    const owner = (await sim.snapshot()).chats.find((chat) => String(chat.chat_id) === move.chatId);
    expect(owner && userIdOf(owner)).toBe(move.toUserId);
    await sim.clearFault();
  });
}

test('a server refusal is said in its own words and the plan stays on screen', async ({ page }) => {
  await makePlan(page, 'sales');
  const rows = await page.locator('[data-testid^="plan-move-"]').count();
  // The team is taken out of the settings behind the page's back: the next plan for it is refused.
  await putSettings(page.request, { ...settingsDocument(), teams: settingsDocument().teams.filter((team) => team.id !== 'sales') });
  await page.getByTestId('make-plan').click();
  await expect(page.getByTestId('rebalance-error')).toContainText('team');
  await expect(page.locator('[data-testid^="plan-move-"]')).toHaveCount(rows);
  await putSettings(page.request, settingsDocument());
});

test('one chat reassigned from the drill-down, then undone from the moves log', async ({ page }) => {
  test.setTimeout(90_000);
  const { chats } = await sim.snapshot();
  const counts = countBy(chats);
  const from = teams.sales.filter((id) => chats.some((chat) => userIdOf(chat) === id && !isGroup(chat))).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
  const chat = chats.find((entry) => userIdOf(entry) === from && !isGroup(entry))!;
  const to = teams.sales.find((id) => id !== from)!;
  const toName = (await sim.snapshot()).users.find((user) => String(user.user_id) === to)!.name;

  await page.goto('/');
  await page.getByTestId(`operator-row-${from}`).click();
  const row = page.getByTestId('drilldown').getByTestId(`chat-row-${chat.chat_id}`);
  await row.getByTestId('reassign-open').click();
  await row.getByTestId('reassign-search').fill(toName.slice(0, 4));
  await row.getByTestId('reassign-choice').selectOption(to);
  await row.getByTestId('reassign-next').click();
  await expect(row.getByTestId('reassign-confirm')).toContainText('wamm.chat');
  await row.getByTestId('reassign-yes').click();
  const said = page.getByTestId('drilldown').getByTestId('reassign-result');
  await expect(said).toHaveAttribute('data-status', 'moved');
  await expect(said).toContainText('Moved: the new operator is responsible for the chat now.');
  const ownerOf = async () => userIdOf((await sim.snapshot()).chats.find((entry) => entry.chat_id === chat.chat_id)!);
  expect(await ownerOf()).toBe(to);

  // A group chat's control says it cannot be assigned.
  const group = chats.find((entry) => isGroup(entry) && userIdOf(entry) === from);
  if (group) await expect(page.getByTestId(`chat-row-${group.chat_id}`).getByTestId('reassign-group')).toBeVisible();

  await page.goto('/rebalance');
  const logged = page.locator(`[data-testid="log-${chat.chat_id}"][data-trigger="manual"]`).first();
  await expect(logged.getByTestId('log-result')).toContainText('Moved');
  await logged.getByTestId('undo').click();
  await expect(logged.getByTestId('undo-result')).toContainText('Moved');
  expect(await ownerOf()).toBe(from);
  await expect(page.locator(`[data-testid="log-${chat.chat_id}"][data-trigger="undo"]`).first()).toBeVisible();
});

test('the kill switch turns automatic rebalancing off', async ({ page }) => {
  // Quiet all day: automatic runs hold back, so nothing moves while the switch is shown.
  await putSettings(page.request, settingsDocument({ mode: 'auto', intervalMinutes: 600, quietHours: { from: '00:00', to: '23:59' } }));
  await page.goto('/rebalance');
  await expect(page.getByTestId('auto-mode')).toContainText('On');
  await page.getByTestId('stop-auto').click();
  await expect(page.getByTestId('auto-mode')).toContainText('Off');
  await expect(page.getByTestId('stop-auto')).toHaveCount(0);
  const settings = (await (await page.request.get('/api/settings')).json()) as { balancing: { mode: string } };
  expect(settings.balancing.mode).toBe('off');
});

test('Settings switches rebalancing to suggest, warning before automatic mode, and keeps the limits', async ({ page }) => {
  await putSettings(page.request, settingsDocument());
  await page.goto('/settings');
  const section = page.getByTestId('balancing-section');
  await expect(section.getByTestId('balancing-mode-off')).toBeChecked();
  await section.getByTestId('balancing-mode-auto').check();
  await expect(section.getByTestId('balancing-auto-warning')).toContainText('writes into your wamm.chat account');
  await section.getByTestId('balancing-mode-suggest').check();
  await expect(section.getByTestId('balancing-auto-warning')).toHaveCount(0);
  await section.getByTestId('balancing-rule-overCapacity').check();
  await section.getByTestId('balancing-max-moves').fill('7');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('unsaved-bar')).toHaveCount(0);
  const stored = (await (await page.request.get('/api/settings')).json()) as { balancing: { mode: string; maxMovesPerRun: number; rules: { overCapacity: boolean; unassigned: boolean } } };
  expect(stored.balancing).toMatchObject({ mode: 'suggest', maxMovesPerRun: 7, rules: { overCapacity: true, unassigned: true } });
  await page.reload();
  await expect(page.getByTestId('balancing-mode-suggest')).toBeChecked();
  await expect(page.getByTestId('balancing-max-moves')).toHaveValue('7');
  await page.goto('/rebalance');
  await expect(page.getByTestId('auto-mode')).toContainText('Suggesting');
  await putSettings(page.request, settingsDocument());
});

test('a viewer gets no Rebalance link, no reassign control and no Rebalance page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  expect((await context.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).not.toHaveText(/^—?$/);
  await expect(page.locator('a[href="/rebalance"]')).toHaveCount(0);
  const counts = countBy((await sim.snapshot()).chats);
  const from = [...teams.sales].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
  await page.getByTestId(`operator-row-${from}`).click();
  await expect(page.getByTestId('drilldown').locator('[data-testid^="chat-row-"]').first()).toBeVisible();
  await expect(page.getByTestId('reassign-open')).toHaveCount(0);
  await page.goto('/rebalance');
  await expect(page.getByTestId('no-access')).toBeVisible();
  await context.close();
});
