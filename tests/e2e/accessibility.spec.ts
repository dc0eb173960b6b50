import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from './support/env';
import { sim } from './support/sim';

// axe-core on every page, in light and dark: no serious or critical violation. The drill-down is
// checked open, since it is a dialog with its own focus handling.

test.beforeEach(async () => {
  await sim.clearFault();
});

const pages = [
  { path: '/', ready: 'headline-open-chats' },
  { path: '/snapshots', ready: null },
  { path: '/settings', ready: null },
  { path: '/rebalance', ready: null },
  { path: '/alerts', ready: null },
  { path: '/tv', ready: 'tv-open-chats' },
  { path: '/tv?theme=light', ready: 'tv-open-chats' },
  { path: '/tv/setup', ready: null },
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const { path, ready } of pages) {
    test(`${path} has no serious accessibility problems (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto(path);
      if (ready) await expect(page.getByTestId(ready)).not.toHaveText(/^—?$/);
      else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousProblems(page);
    });
  }
}

// Russian words run longer than English ones: the Russian pages get the same check.
test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });
  for (const { path, ready } of pages) {
    test(`${path} has no serious accessibility problems`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
      if (ready) await expect(page.getByTestId(ready)).not.toHaveText(/^—?$/);
      else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousProblems(page);
    });
  }
});

async function expectNoSeriousProblems(page: Page) {
  // The setup page's live preview is a whole wall display of its own, checked on its own.
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

test('the sign-in page has no serious accessibility problems, in light and dark', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL: APP_URL, colorScheme });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.getByLabel('Password')).toBeVisible();
    await expectNoSeriousProblems(page);
    await context.close();
  }
});

test('the drill-down dialog has no serious accessibility problems', async ({ page }) => {
  await page.goto('/');
  await page.locator('[data-testid^="operator-row-"]').first().click();
  await expect(page.getByTestId('drilldown').locator('[data-testid^="chat-row-"]').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[data-testid="drilldown"]').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => violation.id)).toEqual([]);
});

test('the theme switch overrides the system setting and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByTestId('theme-switch').selectOption('dark');
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await page.reload();
  await expect(page.getByTestId('theme-switch')).toHaveValue('dark');
  await expect.poll(background).toBe(dark);
  await page.goto('/tv/setup');
  await expect.poll(background).toBe(dark);
  await page.getByTestId('theme-switch').selectOption('system');
  await expect.poll(background).toBe(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe(dark);
});
