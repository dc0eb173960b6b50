import { expect, test as setup } from '@playwright/test';
import { MANAGER_PASSWORD, MANAGER_STATE } from './support/env';

// Signs in through the sign-in page, as a manager would, and keeps the browser's state for the tests.
setup('sign in as a manager', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team load' })).toBeVisible();
  await expect(page.getByTestId('user-menu')).toContainText('manager (manager)');
  await page.context().storageState({ path: MANAGER_STATE });
});
