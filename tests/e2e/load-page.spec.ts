import { appendFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, extraPort, SERVER_LOG } from './support/env';
import { startExtraApp } from './support/extra-app';
import { numberIn, sim, truth } from './support/sim';

// The team load page in real Chromium, with the simulator as wamm.chat: what a supervisor sees
// must be what the upstream holds.

async function openChatsShown(page: Page): Promise<number> {
  return numberIn(await page.getByTestId('headline-open-chats').textContent());
}

test.beforeEach(async () => {
  await sim.clearFault();
});

test('shows the team’s open chats exactly as wamm.chat has them', async ({ page }) => {
  const t = await truth();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Team load' })).toBeVisible();
  await expect.poll(() => openChatsShown(page)).toBe(t.total);
  expect(numberIn(await page.getByTestId('headline-operators').textContent())).toBe(
    [...t.perUser.keys()].filter((id) => id !== '0').length,
  );

  for (const [userId, count] of t.perUser) {
    await expect(page.getByTestId(`operator-open-${userId}`), `operator ${userId}`).toHaveText(String(count));
  }
  for (const [apiId, count] of t.perChannel) {
    expect(numberIn(await page.getByTestId(`channel-open-${apiId}`).textContent()), `channel ${apiId}`).toBe(count);
  }

  let bucketSum = 0;
  for (const key of ['lt5m', '5to15m', '15to60m', '1to4h', '4to24h', 'gt24h']) {
    bucketSum += numberIn(await page.getByTestId(`age-bucket-${key}`).textContent());
  }
  expect(bucketSum).toBe(t.total);
  await expect(page.getByTestId('updated-ago')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});

test('names channels and flags the one that is not authorized', async ({ page }) => {
  const t = await truth();
  const unauthorized = t.channels.find((channel) => channel.state !== 'authorized')!;
  await page.goto('/');
  const row = page.getByTestId(`channel-row-${unauthorized.api_id}`);
  await expect(row).toContainText(unauthorized.api_tag);
  await expect(row).toContainText(/not authorized/i);
});

test('filters by channel and operator through the URL, so a view can be bookmarked', async ({ page }) => {
  const t = await truth();
  const [apiId, channelCount] = [...t.perChannel.entries()].sort((a, b) => a[1] - b[1])[0]!;
  await page.goto('/');
  await expect.poll(() => openChatsShown(page)).toBe(t.total);

  await page.getByTestId('filter-channel').selectOption(apiId);
  await expect(page).toHaveURL(new RegExp(`[?&]channel=${apiId}`));
  await expect.poll(() => openChatsShown(page)).toBe(channelCount);

  await page.reload();
  await expect(page.getByTestId('filter-channel')).toHaveValue(apiId);
  await expect.poll(() => openChatsShown(page)).toBe(channelCount);

  const inChannel = t.chats.filter((chat) => String(chat.api_id) === apiId);
  const userId = String(inChannel.find((chat) => chat.user_id && chat.user_id !== '0')!.user_id);
  await page.goto(`/?user=${userId}`);
  await expect(page.getByTestId('filter-user')).toHaveValue(userId);
  await expect.poll(() => openChatsShown(page)).toBe(t.perUser.get(userId)!);

  await page.goBack();
  await expect.poll(() => openChatsShown(page)).toBe(channelCount);
});

test('drills down from an operator to their chats, oldest first', async ({ page }) => {
  const t = await truth();
  const [userId, count] = [...t.perUser.entries()].filter(([id]) => id !== '0').sort((a, b) => b[1] - a[1])[0]!;
  await page.goto('/');
  await page.getByTestId(`operator-row-${userId}`).click();
  const panel = page.getByTestId('drilldown');
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-testid^="chat-row-"]')).toHaveCount(count);
  const names = t.chats.filter((chat) => String(chat.user_id) === userId).map((chat) => chat.chat_name);
  await expect(panel).toContainText(names[0]!);
});

test('keeps the numbers on screen and says so plainly when wamm.chat fails, then recovers', async ({ page }) => {
  const t = await truth();
  await page.goto('/');
  await expect.poll(() => openChatsShown(page)).toBe(t.total);

  await sim.setFault({ kind: 'token_fail' });
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-kind', 'stale', { timeout: 30_000 });
  await expect(banner).toContainText('token');
  expect(await openChatsShown(page)).toBe(t.total);

  await sim.clearFault();
  await expect(banner).toHaveCount(0, { timeout: 45_000 });
  expect(await openChatsShown(page)).toBe(t.total);
});

test('keeps the last numbers when the browser loses our server', async ({ page, context }) => {
  const t = await truth();
  await page.goto('/');
  await expect.poll(() => openChatsShown(page)).toBe(t.total);
  await context.setOffline(true);
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-kind', 'offline', { timeout: 30_000 });
  expect(await openChatsShown(page)).toBe(t.total);
  await context.setOffline(false);
  await expect(page.getByTestId('status-banner')).toHaveCount(0, { timeout: 30_000 });
});

test('explains an upstream that has never answered, instead of a blank page', async ({ page }) => {
  // Nothing listens on port 1: the connection is refused at once.
  const app = await startExtraApp(extraPort(11), {
    WAMM_TOKEN: E2E_TOKEN,
    AUTH_DISABLED: '1',
    WAMM_API_URL: 'http://127.0.0.1:1/api2',
    REFRESH_SECONDS: '5',
  });
  try {
    await page.goto(app.url);
    const banner = page.getByTestId('status-banner');
    await expect(banner).toHaveAttribute('data-kind', 'error', { timeout: 20_000 });
    await expect(banner).toContainText('wamm.chat cannot be reached');
  } finally {
    await app.stop();
    appendFileSync(SERVER_LOG, app.log());
  }
});

test('runs on its own simulated team in demo mode, clearly marked', async ({ page }) => {
  const app = await startExtraApp(extraPort(12), {});
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect.poll(() => openChatsShown(page), { timeout: 20_000 }).toBeGreaterThan(0);
  } finally {
    await app.stop();
  }
});
