import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { API_ACCESS, CALLERS, PAGE_ACCESS, sessionIdOfCookie, type Caller } from '../support/access-table';
import { APP_URL, E2E_TOKEN, extraPort, SIM_URL, VIEWER_PASSWORD } from './support/env';
import { startExtraApp } from './support/extra-app';
import { sim } from './support/sim';

// Access control in the browser: every page and route for every role (the README's table), signing
// in and out, a revoked display key, sessions ended elsewhere, CSRF, the sign-in limit, the CSP.

test.beforeEach(async () => {
  await sim.clearFault();
});

const EMPTY_STATE = { cookies: [], origins: [] };

async function contextFor(caller: Caller, browser: Browser, manager: BrowserContext): Promise<BrowserContext> {
  if (caller === 'manager') return manager;
  const context = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  if (caller === 'viewer') expect((await context.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  if (caller === 'display') {
    const key = (await (await manager.request.post('/api/display-keys', { data: { label: 'e2e display' } })).json()) as { url: string };
    const page = await context.newPage();
    await page.goto(key.url);
    await expect(page).toHaveURL(/\/tv$/);
    await page.close();
  }
  return context;
}

/** A viewer signed in elsewhere, for a manager to end: its session id. */
async function throwawayViewerSession(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  await context.request.post('/api/session', { data: { password: VIEWER_PASSWORD } });
  const value = (await context.cookies()).find((entry) => entry.name === 'chatload_session')!.value;
  await context.close();
  return sessionIdOfCookie(`chatload_session=${value}`);
}

async function outcome(page: Page, path: string): Promise<string> {
  await page.goto(path);
  const url = new URL(page.url());
  if (url.pathname === '/login' && path !== '/login') return 'login';
  if (url.pathname === '/tv' && !path.startsWith('/tv')) return 'tv';
  if (path === '/tv/setup' && url.pathname === '/tv') return 'tv';
  if ((await page.getByTestId('no-access').count()) > 0) return 'denied';
  return url.pathname === path.split('?')[0] ? 'ok' : `moved to ${url.pathname}`;
}

test('every page and every route answers each role as the README table says', async ({ browser, context }) => {
  test.setTimeout(180_000);
  const snapshot = (await (await context.request.post('/api/snapshots', { data: { label: 'access' } })).json()) as { id: string };
  const mismatches: string[] = [];
  for (const caller of CALLERS) {
    const callerContext = await contextFor(caller, browser, context);
    const page = await callerContext.newPage();
    for (const row of PAGE_ACCESS) {
      const path = row.path.replace('{snapshot}', snapshot.id);
      const seen = await outcome(page, path);
      if (seen !== row.expect[caller]) mismatches.push(`${caller} page ${path}: ${seen}, expected ${row.expect[caller]}`);
    }
    for (const row of API_ACCESS) {
      let path = row.path.replace('{snapshot}', snapshot.id);
      if (path.includes('{doomed}')) path = path.replace('{doomed}', ((await (await context.request.post('/api/snapshots', { data: {} })).json()) as { id: string }).id);
      if (path.includes('{key}')) path = path.replace('{key}', ((await (await context.request.post('/api/display-keys', { data: { label: 'doomed' } })).json()) as { id: string }).id);
      if (path.includes('{session}')) path = path.replace('{session}', await throwawayViewerSession(browser));
      const response = await callerContext.request.fetch(path, { method: row.method, data: row.body });
      if (response.status() !== row.expect[caller]) mismatches.push(`${caller} ${row.method} ${path}: ${response.status()}, expected ${row.expect[caller]}`);
    }
    await page.close();
    if (callerContext !== context) await callerContext.close();
  }
  expect(mismatches).toEqual([]);
});

test('a viewer signs in on the sign-in page, lands where they were going, sees no manager tools, and signs out', async ({ browser }) => {
  const context = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  const page = await context.newPage();
  await page.goto('/snapshots');
  await expect(page).toHaveURL(/\/login\?next=%2Fsnapshots$/);
  await page.getByLabel('Password').fill('not the password');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('login-error')).toHaveText('The name or password is wrong.');
  await page.getByLabel('Password').fill(VIEWER_PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page).toHaveURL(/\/snapshots$/);
  await expect(page.getByTestId('user-menu')).toContainText('viewer (viewer)');
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).toBeVisible();
  await expect(page.getByTestId('save-snapshot')).toHaveCount(0);
  await expect(page.getByTestId('export-menu')).toBeVisible();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test('a display opened with its key runs without names, and says so plainly when the key is revoked', async ({ browser, context }) => {
  const key = (await (await context.request.post('/api/display-keys', { data: { label: 'Hall TV' } })).json()) as { id: string; url: string };
  const tv = await (await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL })).newPage();
  await tv.goto(`${key.url}&pollMs=1000&names=1&lang=en`);
  // The key leaves the address bar and the history at once.
  await expect(tv).toHaveURL(/\/tv\?pollMs=1000&names=1&lang=en$/);
  await expect(tv.getByTestId('tv')).toHaveAttribute('data-state', 'live');
  await expect(tv.getByTestId('tv-waiting-row').first()).toBeVisible();
  await expect(tv.locator('.tv-waiting-who small')).toHaveCount(0);

  expect((await context.request.delete(`/api/display-keys/${key.id}`)).status()).toBe(204);
  await expect(tv.getByTestId('tv-refused')).toContainText('This display’s key was revoked', { timeout: 10_000 });
  await tv.reload();
  await expect(tv).toHaveURL(/\/login\?display=revoked$/);
  await expect(tv.getByTestId('display-refused')).toBeVisible();
  await tv.context().close();
});

test('signing out ends the session wherever its cookie was copied, and a manager can end any session in Settings', async ({ browser, context }) => {
  const first = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  expect((await first.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  const cookie = (await first.cookies()).find((entry) => entry.name === 'chatload_session')!;
  const copy = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  await copy.addCookies([cookie]);
  const page = await copy.newPage();
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).toBeVisible();
  expect((await first.request.delete('/api/session')).status()).toBe(200);
  expect((await copy.request.get('/api/load')).status()).toBe(401);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await first.close();
  await copy.close();

  const viewer = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  expect((await viewer.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  const id = sessionIdOfCookie(`chatload_session=${(await viewer.cookies()).find((entry) => entry.name === 'chatload_session')!.value}`);
  const settings = await context.newPage();
  await settings.goto('/settings');
  await expect(settings.getByTestId(`session-${id}`)).toContainText('viewer');
  await settings.getByTestId(`end-session-${id}`).click();
  await expect(settings.getByTestId(`session-${id}`)).toHaveCount(0);
  expect((await viewer.request.get('/api/load')).status()).toBe(401);
  await settings.close();
  await viewer.close();
});

test('a request from another site is refused, even with a manager signed in (CSRF)', async ({ context }) => {
  const response = await context.request.post('/api/snapshots', { data: {}, headers: { origin: 'https://evil.example' } });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('cross_origin');
  const del = await context.request.delete('/api/display-keys/whatever', { headers: { origin: 'https://evil.example' } });
  expect(del.status()).toBe(403);
});

test('pages carry a nonce-based CSP that blocks inline scripts, and run without violating it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  const csp = response!.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()['referrer-policy']).toBe('no-referrer');
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByTestId('headline-open-chats')).toBeVisible();
  // Every script the server writes into a page carries that response's nonce (scripts loaded later
  // by those, such as the trends panel's chunk, are trusted through 'strict-dynamic').
  const html = await page.request.get('/');
  const nonce = /'nonce-([^']+)'/.exec(html.headers()['content-security-policy']!)![1]!;
  const tags = (await html.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  expect(violations).toEqual([]);
  // Markup smuggled in through a name (the classic XSS) cannot run: inline handlers are refused.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/nope.png" onerror="window.__injected = true">'));
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations.length).toBeGreaterThan(0);
  // The wall display may be framed by our own setup page, for its preview, and nothing else.
  const tv = await page.request.get('/tv');
  expect(tv.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
});

test('guessing passwords is slowed down: after five misses from one address the sixth waits', async ({ browser }) => {
  // Its own server, so the limit on this machine's address does not hold up the other tests.
  const app = await startExtraApp(extraPort(15), { WAMM_TOKEN: E2E_TOKEN, WAMM_API_URL: `${SIM_URL}/api2`, MANAGER_PASSWORD: 'rate-limit-manager' });
  const context = await browser.newContext({ storageState: EMPTY_STATE });
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    const attempt = async (password: string) => {
      await page.getByLabel('Password').fill(password);
      const [response] = await Promise.all([page.waitForResponse('**/api/session'), page.getByTestId('sign-in').click()]);
      return response.status();
    };
    for (let i = 0; i < 5; i++) expect(await attempt(`guess ${i}`)).toBe(401);
    await expect(page.getByTestId('login-error')).toHaveText('The name or password is wrong.');
    // Even the right password waits now.
    expect(await attempt('rate-limit-manager')).toBe(429);
    await expect(page.getByTestId('login-error')).toContainText('Too many failed attempts');
  } finally {
    await context.close();
    await app.stop();
  }
});

test('the production build has no benchmark route, for a manager either', async ({ request }) => {
  // The benchmark's baseline route exists only in the build the benchmark makes for itself.
  for (const method of ['GET', 'POST'] as const) {
    const response = await request.fetch('/api/bench/baseline', { method });
    expect(response.status()).toBe(404);
  }
});
