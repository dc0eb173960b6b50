import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { parseCsv } from '../support/csv';
import { MANAGER_STATE, SIM_URL } from './support/env';
import { numberIn, sim, userIdOf, type WireChat, type WireUser } from './support/sim';

// Teams and capacity on the live page and the wall display, against the simulator: a manager defines
// two teams; every team number on screen must equal a count by hand from the simulator's own data
// (a team = its operators' chats + the unassigned chats on its channels), and the team filter must
// narrow the page, its URL, the display and the export to the team's chats.

const CRITICAL_MINUTES = 15;
const AWAY_AFTER_MINUTES = 30;
const DEFAULT_CAPACITY = 12;
/** The simulator writes dates on a Moscow wall clock (the e2e run's WAMM_TIMEZONE), always UTC+3. */
const moscow = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+03:00`);

interface Plan {
  support: { operatorIds: string[]; channelIds: string[] };
  sales: { operatorIds: string[]; channelIds: string[] };
  /** The busiest support operator, given a capacity of 1 so that they are over it. */
  squeezed: string;
  /** A sales operator without a limit: the sales team then has none either. */
  unlimited: string;
}

let plan: Plan;

async function putSettings(request: APIRequestContext, document: unknown): Promise<void> {
  const response = await request.put('/api/settings', { data: document });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  await sim.clearFault();
  await sim.setDataset('demo');
  // The e2e simulator does not run by itself: one step makes everyone at work active again, however
  // long the run has taken so far (the operator on a break stays away).
  const tick = await fetch(`${SIM_URL}/__sim/tick`, { method: 'POST' });
  expect(tick.ok).toBe(true);
  const { users, chats } = await sim.snapshot();
  const ids = users.map((user) => String(user.user_id));
  const perUser = countBy(chats, userIdOf);
  const support = ids.slice(0, 6);
  const sales = ids.slice(6, 12);
  const squeezed = [...support].sort((a, b) => (perUser.get(b) ?? 0) - (perUser.get(a) ?? 0))[0]!;
  plan = {
    support: { operatorIds: support, channelIds: ['1402'] },
    sales: { operatorIds: sales, channelIds: ['1401'] },
    squeezed,
    unlimited: sales[0]!,
  };
  const context = await browser.newContext({ storageState: MANAGER_STATE });
  await putSettings(context.request, {
    version: 1,
    teams: [
      { id: 'support', name: 'Support', ...plan.support },
      { id: 'sales', name: 'Sales', ...plan.sales },
    ],
    capacity: { default: DEFAULT_CAPACITY, operators: { [squeezed]: 1, [plan.unlimited]: null } },
    thresholds: { warningMinutes: 5, criticalMinutes: CRITICAL_MINUTES },
    availability: { awayAfterMinutes: AWAY_AFTER_MINUTES },
  });
  await context.close();
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: MANAGER_STATE });
  await putSettings(context.request, { version: 1 });
  await context.close();
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** A team's numbers counted by hand from the simulator, at `nowMs`. */
async function expected(teamId: 'support' | 'sales', nowMs = Date.now()) {
  const { users, chats } = await sim.snapshot();
  const team = plan[teamId];
  const inTeam = (chat: WireChat) => {
    const userId = userIdOf(chat);
    return userId === '0' ? team.channelIds.includes(String(chat.api_id)) : team.operatorIds.includes(userId);
  };
  const teamChats = chats.filter(inTeam);
  const capacityOf = (id: string) => (id === plan.squeezed ? 1 : id === plan.unlimited ? null : DEFAULT_CAPACITY);
  const perUser = countBy(chats, userIdOf);
  const available = users.filter(
    (user) =>
      team.operatorIds.includes(String(user.user_id)) &&
      Number(user.lock) === 0 &&
      Number(user.deleted) === 0 &&
      nowMs - moscow((user as WireUser & { dt_active: string }).dt_active) <= AWAY_AFTER_MINUTES * 60_000,
  );
  let capacity: number | null = 0;
  for (const user of available) {
    const own = capacityOf(String(user.user_id));
    capacity = capacity === null || own === null ? null : capacity + own;
  }
  const overCapacity = team.operatorIds.filter((id) => {
    const own = capacityOf(id);
    return own !== null && (perUser.get(id) ?? 0) > own;
  }).length;
  // Ages grow while the test runs: a chat within a minute of the threshold may count either way.
  const pastCritical = (marginSeconds: number) =>
    teamChats.filter((chat) => (nowMs - moscow(chat.date_msg)) / 1000 >= CRITICAL_MINUTES * 60 + marginSeconds).length;
  return {
    chats: teamChats,
    openChats: teamChats.length,
    capacity,
    operators: team.operatorIds.length,
    available: available.length,
    overCapacity,
    pastCritical: { atLeast: pastCritical(60), atMost: pastCritical(-60) },
    unassigned: teamChats.filter((chat) => userIdOf(chat) === '0').length,
  };
}

async function shown(page: Page, testId: string): Promise<number> {
  return numberIn(await page.getByTestId(testId).textContent());
}

test('the team panel gives each team the numbers counted by hand from wamm.chat’s data', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('team-panel')).toBeVisible();
  for (const teamId of ['support', 'sales'] as const) {
    const want = await expected(teamId);
    await expect.poll(() => shown(page, `team-open-${teamId}`), { message: `${teamId} open chats` }).toBe(want.openChats);
    if (want.capacity === null) await expect(page.getByTestId(`team-capacity-${teamId}`)).toContainText('no limit');
    else expect(await shown(page, `team-capacity-${teamId}`), `${teamId} capacity`).toBe(want.capacity);
    await expect(page.getByTestId(`team-available-${teamId}`)).toHaveText(`${want.available} of ${want.operators}`);
    expect(await shown(page, `team-over-capacity-${teamId}`), `${teamId} over capacity`).toBe(want.overCapacity);
    const critical = await shown(page, `team-critical-${teamId}`);
    expect(critical, `${teamId} past critical`).toBeGreaterThanOrEqual(want.pastCritical.atLeast);
    expect(critical, `${teamId} past critical`).toBeLessThanOrEqual(want.pastCritical.atMost);
  }
  // Sales has an operator without a limit: no ratio, and the words say so.
  await expect(page.getByTestId('team-utilisation-sales')).toHaveText('no limit');
});

test('an operator over capacity is marked in words, and one on a break as away with their last activity', async ({ page }) => {
  await page.goto('/');
  const over = page.getByTestId(`operator-over-capacity-${plan.squeezed}`);
  await expect(over).toHaveText('▲ over capacity');
  await expect(page.getByTestId(`operator-capacity-${plan.squeezed}`)).toContainText('/ 1');
  await expect(page.getByTestId('headline-over-capacity')).not.toHaveText('0');
  const { users } = await sim.snapshot();
  const onBreak = users.find((user) => user.name === 'Сергей Иванов')!;
  await expect(page.getByTestId(`operator-away-${onBreak.user_id}`)).toHaveText(/^away · last active (\d+ min|\d+ h) ago$/);
});

test('choosing a team filters the page and its URL to the team’s operators and chats', async ({ page }) => {
  const want = await expected('support');
  await page.goto('/');
  await page.getByTestId('team-panel').getByRole('button', { name: 'Support' }).click();
  await expect(page).toHaveURL(/[?&]team=support(&|$)/);
  await expect(page.getByTestId('filter-team')).toHaveValue('support');
  await expect.poll(() => shown(page, 'headline-open-chats')).toBe(want.openChats);
  // The team's operators (idle ones too) and the unassigned row, nobody else.
  const rows = await page.getByTestId('operator-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!.replace('operator-row-', '')));
  expect(rows.sort()).toEqual([...plan.support.operatorIds, '0'].sort());
  await expect(page.getByTestId('operator-open-0')).toHaveText(String(want.unassigned));

  await page.reload();
  await expect(page.getByTestId('filter-team')).toHaveValue('support');
  await expect.poll(() => shown(page, 'headline-open-chats')).toBe(want.openChats);
  await page.getByTestId('filter-team').selectOption('');
  await expect(page).not.toHaveURL(/team=/);
});

test('a CSV export with the team filter holds the team’s chats and no others', async ({ page }) => {
  const want = await expected('support');
  await page.goto('/?team=support');
  await expect.poll(() => shown(page, 'headline-open-chats')).toBe(want.openChats);
  await page.getByTestId('export-menu').locator('summary').click();
  await expect(page.getByTestId('export-csv-chats')).toHaveAttribute('href', /[?&]team=support(&|$)/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-chats').click()]);
  const rows = parseCsv(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''), ',');
  const chatId = rows[0]!.indexOf('Chat id');
  expect(chatId).toBeGreaterThanOrEqual(0);
  const exported = rows.slice(1).filter((row) => row.length > 1).map((row) => row[chatId]!);
  expect(exported.sort()).toEqual(want.chats.map((chat) => String(chat.chat_id)).sort());
});

test('team analytics for today come as a table of every team and as a CSV file', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByTestId('team-analytics');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Yesterday' }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Team analytics: Yesterday');
  await panel.getByRole('button', { name: 'Today' }).click();
  const link = page.getByTestId('team-analytics-csv');
  await expect(link).toHaveAttribute('href', /^\/api\/teams\/analytics\?from=.+&to=.+&format=csv&sep=%2C$/);
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const rows = parseCsv(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''), ',').filter((row) => row.length > 1);
  expect(rows[0]).toEqual(expect.arrayContaining(['Team id', 'Team', 'Peak open chats', 'Minutes over capacity']));
  expect(rows.slice(1).map((row) => row[0])).toEqual(['support', 'sales']);
});

test('the wall display with team= shows the team panel and fits 1920×1080 without clipping', async ({ page }) => {
  const want = await expected('support');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/tv?team=support&panels=headline,teams,operators,waiting');
  await expect(page.getByTestId('tv')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('tv-teams')).toBeVisible();
  await expect.poll(() => shown(page, 'tv-open-chats')).toBe(want.openChats);
  expect(await shown(page, 'tv-team-open-support')).toBe(want.openChats);
  await expect(page.getByTestId('tv-team-support')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('tv-team-sales')).toBeVisible();
  // The display names its team, and only the team's operators have bars.
  await expect(page.locator('.tv-name')).toContainText('Support');
  for (const cell of await page.locator('[data-testid^="tv-operator-open-"]').all()) {
    const userId = (await cell.getAttribute('data-testid'))!.replace('tv-operator-open-', '');
    expect([...plan.support.operatorIds, '0']).toContain(userId);
  }
  // No threshold in the URL: the settings' critical wait, as the server names it.
  await expect(page.locator('.tv-headline')).toContainText(`waiting over ${CRITICAL_MINUTES} min`);
  expect(await clipped(page)).toEqual([]);
});

test('the display setup writes team= and the team panel into the URL, and leaves the threshold to the settings', async ({ page }) => {
  await page.goto('/tv/setup');
  await page.getByTestId('tv-setup-team').selectOption('sales');
  await page.getByRole('checkbox', { name: 'Teams (load against capacity)' }).check();
  const url = page.getByTestId('tv-url');
  await expect(url).toHaveValue(/\/tv\?panels=headline%2Cteams%2Coperators%2Cchannels%2Cages%2Cwaiting&team=sales&lang=en$/);
  await expect(page.getByLabel('Waiting too long after (minutes)')).toHaveAttribute('placeholder', 'from the settings');
  const preview = page.frameLocator('iframe[title="Wall display preview"]');
  await expect(preview.getByTestId('tv-team-sales')).toHaveAttribute('aria-current', 'true');
});

// accessibility.spec.ts checks the pages without teams; with them come the team panel, the marks
// and the team analytics, in light and dark.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the page and the display with teams have no serious accessibility problems (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    for (const [path, ready] of [
      ['/?team=support', 'team-analytics'],
      ['/tv?team=support&panels=headline,teams,operators,waiting&theme=' + (colorScheme === 'light' ? 'light' : 'dark'), 'tv-teams'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(ready)).toBeVisible();
      await page.waitForTimeout(1000);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${path} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    }
  });
}

/** The page scrolls, or something sticks out of (or is cut by) the box it must fit. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) problems.push('page scrolls');
    for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-fit]'))) {
      const outer = box.getBoundingClientRect();
      if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) problems.push(`${box.className} content bigger than its box`);
      for (const child of Array.from(box.querySelectorAll<HTMLElement>('*'))) {
        const inner = child.getBoundingClientRect();
        if (inner.width === 0 && inner.height === 0) continue;
        if (inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1) {
          problems.push(`${child.className} "${(child.textContent ?? '').slice(0, 30)}" outside its box`);
        }
      }
    }
    return problems;
  });
}
