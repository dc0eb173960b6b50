import { appendFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, extraPort, SERVER_LOG, SIM_URL } from './support/env';
import { startExtraApp } from './support/extra-app';
import { numberIn, sim, truth } from './support/sim';

// The wall display: it must fit any TV without scrollbars or clipped boxes, show the simulator's
// numbers, say when they are old, and reload itself once after a deploy.

test.beforeEach(async () => {
  await sim.clearFault();
});

/** Boxes that spill out of their panel, or panels (and the stale banner) whose content is cut or needs scrolling. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) problems.push('page scrolls');
    for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-fit]'))) {
      const outer = box.getBoundingClientRect();
      if (box.scrollHeight > box.clientHeight + 1) problems.push(`${box.getAttribute('aria-labelledby') ?? box.className} content taller than its box`);
      // Text cut with "…" (or hidden past the edge) is wider than its box.
      if (box.scrollWidth > box.clientWidth + 1) problems.push(`${box.getAttribute('aria-labelledby') ?? box.className} content wider than its box`);
      for (const child of Array.from(box.querySelectorAll<HTMLElement>('*'))) {
        const inner = child.getBoundingClientRect();
        if (inner.width === 0 && inner.height === 0) continue;
        if (inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1) {
          problems.push(`${child.tagName}.${child.className} "${(child.textContent ?? '').slice(0, 30)}" outside its panel`);
        }
      }
    }
    return problems;
  });
}

// Russian labels run longer: the smallest screen is checked in Russian too.
for (const [width, height, lang] of [
  [1920, 1080, 'en'],
  [3840, 2160, 'en'],
  [1366, 768, 'en'],
  [1366, 768, 'ru'],
] as const) {
  test(`fits ${width}×${height} (${lang}) with the simulator's numbers and nothing clipped`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const t = await truth();
    await page.goto(`/tv?lang=${lang}`);
    await expect(page.getByTestId('tv')).toHaveAttribute('data-state', 'live');
    await expect.poll(async () => numberIn(await page.getByTestId('tv-open-chats').textContent())).toBe(t.total);
    for (const [apiId, count] of t.perChannel) {
      await expect(page.getByTestId(`tv-channel-open-${apiId}`)).toHaveText(String(count));
    }
    const shown = page.locator('[data-testid^="tv-operator-open-"]');
    await expect(shown.first()).toBeVisible();
    for (const cell of await shown.all()) {
      const userId = (await cell.getAttribute('data-testid'))!.replace('tv-operator-open-', '');
      expect(numberIn(await cell.textContent()), `operator ${userId}`).toBe(t.perUser.get(userId));
    }
    await expect(page.getByTestId('tv-waiting-row')).toHaveCount(7);
    expect(await overflowing(page)).toEqual([]);
    // Text is sized to the screen: a headline number is at least 1/20 of the screen height.
    const fontSize = await page.getByTestId('tv-open-chats').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(height / 20);
    expect(await page.getByTestId('tv').evaluate((element) => getComputedStyle(element).cursor)).toBe('none');
  });
}

for (const perPage of [2, 1]) {
  test(`fits a 1366×768 screen with ${perPage} larger panel(s) per screen and rotates through the rest`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/tv?perPage=${perPage}&rotate=5`);
    await expect(page.getByTestId('tv')).toHaveAttribute('data-state', 'live');
    const firstPanel = page.locator('.tv-panel h2').first();
    const firstTitle = await firstPanel.textContent();
    expect(await overflowing(page)).toEqual([]);
    await expect(firstPanel).not.toHaveText(firstTitle!, { timeout: 8000 });
    expect(await overflowing(page)).toEqual([]);
  });
}

test('shows no customer names or phone numbers unless the URL asks', async ({ page }) => {
  const t = await truth();
  await page.goto('/tv');
  await expect(page.getByTestId('tv-waiting-row').first()).toBeVisible();
  const text = (await page.getByTestId('tv').textContent()) ?? '';
  const oldest = [...t.chats].sort((a, b) => a.date_msg.localeCompare(b.date_msg)).slice(0, 7);
  for (const chat of t.chats) expect(text).not.toContain(chat.phone);
  for (const chat of oldest) if (chat.chat_name.length > 4) expect(text).not.toContain(chat.chat_name);

  await page.goto('/tv?names=1');
  await expect(page.getByTestId('tv-waiting-row').first()).toBeVisible();
  const named = (await page.getByTestId('tv').textContent()) ?? '';
  expect(oldest.some((chat) => chat.chat_name.length > 4 && named.includes(chat.chat_name))).toBe(true);
});

test('greys out and says how old the data is when wamm.chat fails, then recovers by itself', async ({ page }) => {
  await page.goto('/tv?pollMs=1000');
  const tv = page.getByTestId('tv');
  await expect(tv).toHaveAttribute('data-state', 'live');
  const asOf = await page.getByTestId('tv-asof').textContent();
  await sim.setFault({ kind: 'http_500' });
  await expect(tv).toHaveAttribute('data-state', 'old', { timeout: 30_000 });
  await expect(page.getByTestId('tv-old')).toContainText('Data as of');
  await expect(page.getByTestId('tv-old')).toContainText('wamm.chat not answering');
  await expect(page.getByTestId('tv-open-chats')).not.toHaveText('—');
  await sim.clearFault();
  await expect(tv).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  await expect(page.getByTestId('tv-old')).toHaveCount(0);
  await expect(page.getByTestId('tv-asof')).not.toHaveText(asOf!);
});

// Found on a 1080p TV: with the banner up, the "+ N more" line fell off the bottom of the operators
// panel and the banner's reason was cut with "…". Both must be whole while the data is old.
for (const [width, height, lang, words] of [
  [1920, 1080, 'en', 'wamm.chat not answering: wamm.chat sent an answer chatload could not read'],
  [1366, 768, 'ru', 'wamm.chat не отвечает'],
] as const) {
  test(`while stale at ${width}×${height} (${lang}) the banner's whole reason and the "+ N more" line fit`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`/tv?pollMs=1000&lang=${lang}`);
    const tv = page.getByTestId('tv');
    await expect(tv).toHaveAttribute('data-state', 'live');
    await expect(page.locator('.tv-more')).toBeVisible();
    await sim.setFault({ kind: 'html' });
    await expect(tv).toHaveAttribute('data-state', 'old', { timeout: 30_000 });
    const banner = page.getByTestId('tv-old');
    await expect(banner).toContainText(words);
    await expect(banner).not.toContainText('…');
    const more = page.locator('.tv-more');
    await expect(more).toBeVisible();
    await expect(more).toHaveText(lang === 'en' ? /^\+ \d+ more operators? with \d+ chats?$/ : /^\+ ещё \d+ оператор/);
    expect(await overflowing(page)).toEqual([]);
    // The banner fits the screen as well as its own box.
    const box = (await banner.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await sim.clearFault();
    await expect(tv).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
    expect(await overflowing(page)).toEqual([]);
  });
}

test('keeps the last picture when the network is gone and says since when', async ({ page, context }) => {
  await page.goto('/tv?pollMs=1000');
  const tv = page.getByTestId('tv');
  await expect(tv).toHaveAttribute('data-state', 'live');
  await context.setOffline(true);
  await expect(tv).toHaveAttribute('data-state', 'old', { timeout: 20_000 });
  await expect(page.getByTestId('tv-old')).toContainText('no connection since');
  await context.setOffline(false);
  await expect(tv).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
});

test('reloads itself once when the server runs a new build, and only once', async ({ page }) => {
  const app = await startExtraApp(extraPort(13), {
    WAMM_TOKEN: E2E_TOKEN,
    AUTH_DISABLED: '1',
    WAMM_API_URL: `${SIM_URL}/api2`,
    REFRESH_SECONDS: '5',
    CHATLOAD_REPORTED_BUILD_ID: 'a-newer-build',
  });
  try {
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${app.url}/tv?pollMs=1000`);
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
    await page.waitForTimeout(12_000); // two more version checks
    expect(loads).toBe(2);
    await expect(page.getByTestId('tv')).toHaveAttribute('data-state', 'live');
  } finally {
    await app.stop();
    appendFileSync(SERVER_LOG, app.log());
  }
});

test('does not reload while the build stays the same', async ({ page }) => {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/tv?pollMs=1000');
  await page.waitForTimeout(11_000);
  expect(loads).toBe(1);
});

test('the setup page builds the URL of a display with a live preview', async ({ page }) => {
  await page.goto('/tv/setup');
  await page.getByLabel('Display theme').selectOption('contrast');
  await page.getByLabel('Waiting too long after (minutes)').fill('30');
  await page.getByRole('checkbox', { name: 'Channels', exact: true }).uncheck();
  const url = page.getByTestId('tv-url');
  // The display's language is written into its URL: a TV's own browser may speak anything.
  await expect(url).toHaveValue(/\/tv\?panels=headline%2Coperators%2Cages%2Cwaiting&theme=contrast&threshold=30&lang=en$/);
  const preview = page.frameLocator('iframe[title="Wall display preview"]');
  await expect(preview.getByTestId('tv')).toHaveAttribute('data-theme', 'contrast');
  await expect(preview.getByText('waiting over 30 min')).toBeVisible();
  await page.getByTestId('tv-setup-language').selectOption('ru');
  await expect(url).toHaveValue(/&lang=ru$/);
  await expect(preview.getByText('ждут дольше 30 мин')).toBeVisible();
});
