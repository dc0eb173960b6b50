import { expect, test } from '@playwright/test';
import { numberIn, sim, truth } from './support/sim';

// Russian and English: the language follows the browser, a choice is remembered, a wall display
// takes it from its URL, and names from wamm.chat come through untouched in either.

test.beforeEach(async () => {
  await sim.clearFault();
});

test.describe('a browser that prefers Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('gets the page in Russian, with the same numbers and names exactly as wamm.chat has them', async ({ page }) => {
    const t = await truth();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Нагрузка команды' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect.poll(async () => numberIn(await page.getByTestId('headline-open-chats').textContent())).toBe(t.total);
    await expect(page.getByRole('columnheader', { name: /Открытых чатов/ })).toBeVisible();
    await expect(page.getByTestId('updated-ago')).toHaveText(/^Обновлено (только что|\d+ с назад)$/);

    // Every operator name is shown exactly as given: Cyrillic, emoji, quotes, commas, a leading "=".
    for (const user of t.users) {
      const id = String(user.user_id);
      if (!t.perUser.has(id) || user.name.trim() === '') continue;
      await expect(page.getByTestId(`operator-row-${id}`).getByRole('button')).toHaveText(user.name);
    }
    if (t.perUser.has('0')) await expect(page.getByTestId('operator-row-0').getByRole('button')).toHaveText('Без оператора');
  });

  test('can switch to English, and the choice is remembered over a reload and on other pages', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нагрузка команды');
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team load');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team load');
    await page.goto('/tv/setup');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wall display setup');
    await page.getByTestId('language-switch').selectOption('ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройка экрана на стене');
  });

  test('tells an upstream failure in Russian', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('headline-open-chats')).toBeVisible();
    await sim.setFault({ kind: 'token_fail' });
    await expect(page.getByTestId('status-banner')).toContainText('wamm.chat отклонил API-токен: проверьте WAMM_TOKEN.', { timeout: 20_000 });
    await sim.clearFault();
    await expect(page.getByTestId('status-banner')).toHaveCount(0, { timeout: 20_000 });
  });
});

test('a wall display speaks the language of its URL, whatever its browser prefers', async ({ page }) => {
  const t = await truth();
  await page.goto('/tv?lang=ru&perPage=4');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByText('открытых чатов', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Дольше всех ждут' })).toBeVisible();
  await expect.poll(async () => numberIn(await page.getByTestId('tv-open-chats').textContent())).toBe(t.total);
  await expect(page.getByTestId('tv-asof')).toHaveText(/^данные на \d\d:\d\d:\d\d$/);

  await page.goto('/tv?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('open chats', { exact: true })).toBeVisible();
});
