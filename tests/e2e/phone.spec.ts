import { expect, test } from '@playwright/test';
import { numberIn, sim, truth } from './support/sim';

// The same page on a phone: one column, nothing wider than the screen, the numbers still right.

test('fits a phone screen and still shows the numbers', async ({ page }) => {
  await sim.clearFault();
  const t = await truth();
  await page.goto('/');
  await expect.poll(async () => numberIn(await page.getByTestId('headline-open-chats').textContent())).toBe(t.total);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('filter-channel')).toBeVisible();
  await expect(page.getByTestId('operator-table')).toBeVisible();
});
