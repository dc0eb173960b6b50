import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { APP_URL, MANAGER_STATE, VIEWER_PASSWORD } from './support/env';
import { sim } from './support/sim';

// Alerts end to end: a manager sets a webhook and a rule through the settings, the simulator's
// chats wait past the critical threshold, and the alert shows on the team load page and the wall
// display, reaches the webhook exactly once and is listed as delivered in the history; a test-send
// from Settings says what happened; a viewer sees the alert but no settings or history.

const EMPTY_STATE = { cookies: [], origins: [] };

interface Received {
  text: string;
  alert: { rule: string; state: 'firing' | 'resolved' } | null;
}

/** A webhook receiver on a free port: keeps every JSON body it is sent. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    try {
      received.push(JSON.parse(body) as Received);
    } catch {
      received.push({ text: body, alert: null });
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function putSettings(request: APIRequestContext, document: unknown): Promise<void> {
  const response = await request.put('/api/settings', { data: document });
  expect(response.status(), await response.text()).toBe(200);
}

async function expectNoSeriousProblems(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${where} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** What sticks out of its box on the wall display, or makes the page scroll (as tv.spec.ts checks). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) problems.push('page scrolls');
    for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-fit]'))) {
      const outer = box.getBoundingClientRect();
      const name = box.getAttribute('aria-labelledby') ?? box.className;
      if (box.scrollHeight > box.clientHeight + 1) problems.push(`${name} content taller than its box`);
      if (box.scrollWidth > box.clientWidth + 1) problems.push(`${name} content wider than its box`);
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

/** The firing messages of the critical-chats rule. */
const firing = (received: Received[]) => received.filter((message) => message.alert?.state === 'firing' && message.alert.rule === 'critical-chats');
const CRITICAL = 'Chats past the critical threshold';

test.describe.configure({ mode: 'serial' });

let receiver: Awaited<ReturnType<typeof startReceiver>>;

test.beforeAll(async ({ browser }) => {
  receiver = await startReceiver();
  await sim.clearFault();
  // Nobody waits yet: the rule has nothing to fire on until the test makes chats wait.
  await sim.setDataset('empty');
  const context = await browser.newContext({ storageState: MANAGER_STATE, baseURL: APP_URL });
  // The rule goes in only once the app's own data has no chat left, or it would fire on old data.
  await expect
    .poll(async () => ((await (await context.request.get('/api/load')).json()) as { totals: { openChats: number } }).totals.openChats, { timeout: 30_000 })
    .toBe(0);
  await putSettings(context.request, {
    version: 1,
    alerts: {
      // Messages go out in the team's language: the server's default is Russian.
      lang: 'en',
      webhookUrl: receiver.url,
      rules: [
        { id: 'critical-chats', kind: 'critical_chats', enabled: true, threshold: 1, teamId: null, forMinutes: 0, channelIds: [], repeatMinutes: 60, quietHours: null },
        // The simulator's bot channel is not authorized: a second alert, firing all along, for the display to fit.
        { id: 'channel-down', kind: 'channel_down', enabled: true, threshold: 1, teamId: null, forMinutes: 0, channelIds: [], repeatMinutes: 60, quietHours: null },
      ],
    },
  });
  await context.close();
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: MANAGER_STATE, baseURL: APP_URL });
  await putSettings(context.request, { version: 1 });
  await context.close();
  await sim.setDataset('demo');
  await receiver.close();
});

test('a chat waiting past critical fires one alert: on the page, on the display, once at the webhook, delivered in the history', async ({ page }) => {
  // Alerts are evaluated every 15 s and delivered every 5 s: this test waits for several rounds.
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).not.toHaveText(/^—?$/);
  await expect(page.getByTestId('alert-item').filter({ hasText: CRITICAL })).toHaveCount(0);
  expect(firing(receiver.received)).toHaveLength(0);

  // The demo's chats include customers waiting for hours: past the critical 15 minutes.
  await sim.setDataset('demo');
  const strip = page.getByTestId('alert-strip');
  const item = strip.getByTestId('alert-item').filter({ hasText: CRITICAL });
  // Within a refresh (5 s), an evaluation (every 15 s) and a poll of the page.
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item).toHaveAttribute('data-state', 'firing');
  await expect(strip.getByTestId('alert-item')).toHaveCount(2);
  await expect(item).toContainText(/since \d\d:\d\d:\d\d/);
  await expectNoSeriousProblems(page, '/ with an alert');

  // The wall display shows it too, inside its layout, on the smallest and a common screen.
  const display = await page.context().newPage();
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await display.setViewportSize({ width, height });
    await display.goto('/tv?pollMs=1000');
    await expect(display.getByTestId('tv')).toHaveAttribute('data-state', 'live');
    // Both alerts, large, and the panels still fit what is left.
    await expect(display.getByTestId('tv-alert')).toHaveCount(2);
    await expect(display.getByTestId('tv-alert').filter({ hasText: CRITICAL })).toHaveAttribute('data-state', 'firing');
    expect(await overflowing(display), `${width}×${height}`).toEqual([]);
  }
  await display.close();

  // Exactly one firing message, however many refreshes have run since.
  await expect.poll(() => firing(receiver.received).length, { timeout: 60_000 }).toBe(1);
  const message = firing(receiver.received)[0]!;
  expect(message.alert?.rule).toBe('critical-chats');
  expect(message.text).toContain(CRITICAL);
  await page.waitForTimeout(12_000); // two more refreshes
  expect(firing(receiver.received)).toHaveLength(1);

  await page.goto('/alerts');
  const row = page.locator('[data-testid="alert-history-row"][data-rule="critical-chats"]');
  await expect(row).toContainText('Chats past the critical wait');
  await expect(row).toContainText('still active');
  const delivery = row.getByTestId('alert-delivery');
  await expect(delivery).toHaveAttribute('data-channel', 'webhook');
  await expect(delivery).toHaveAttribute('data-status', 'sent', { timeout: 30_000 });
  await expect(delivery).toContainText(/Webhook sent \d\d:\d\d:\d\d/);
  await expectNoSeriousProblems(page, '/alerts');
});

test('Settings → Alerts shows the webhook configured here and a test-send says it went', async ({ page }) => {
  await page.goto('/settings');
  const section = page.getByTestId('alert-settings');
  await expect(section.getByTestId('alert-target-webhook')).toHaveValue(receiver.url);
  await expect(section.getByTestId('alert-channel-webhook').getByTestId('alert-channel-state')).toHaveText('Configured here');
  await expect(section.getByTestId('alert-secrets-note')).toContainText('TELEGRAM_BOT_TOKEN');
  await expect(section.getByTestId('alert-rule-0')).toHaveAttribute('data-kind', 'critical_chats');
  const before = receiver.received.length;
  await section.getByTestId('alert-test-webhook').click();
  await expect(section.getByTestId('alert-test-result-webhook')).toHaveAttribute('data-status', 'sent');
  await expect(section.getByTestId('alert-test-result-webhook')).toContainText(/^Sent: /);
  await expect.poll(() => receiver.received.length).toBe(before + 1);
  // A test is no alert: a text, and no alert state a receiver could act on.
  expect(receiver.received.at(-1)!.text).toContain('chatload test alert');
  expect(receiver.received.at(-1)!.alert ?? null).toBeNull();
  // A channel with nothing configured says so in a sentence.
  await section.getByTestId('alert-test-telegram').click();
  await expect(section.getByTestId('alert-test-result-telegram')).toHaveAttribute('data-status', 'failed');
  await expect(section.getByTestId('alert-test-result-telegram')).toContainText(/^Not sent: .{10,}/);
});

test('a refused alert setting is shown beside its field and nothing is saved', async ({ page }) => {
  await page.goto('/settings');
  const section = page.getByTestId('alert-settings');
  const rule = section.getByTestId('alert-rule-0');
  await rule.getByTestId('alert-rule-threshold').fill('0');
  await expect(rule.getByTestId('alert-field-problem')).toContainText('at least 1');
  await section.getByTestId('alert-settings-save').click();
  await expect(section.getByTestId('alert-settings-trouble')).toHaveAttribute('data-kind', 'local');
  await rule.getByTestId('alert-rule-threshold').fill('2');
  await section.getByTestId('alert-settings-save').click();
  await expect(section.getByTestId('alert-settings-status')).toHaveText('Alert settings saved.');
  const stored = (await (await page.request.get('/api/settings')).json()) as { alerts: { rules: Array<{ threshold: number }>; webhookUrl: string } };
  expect(stored.alerts.rules[0]!.threshold).toBe(2);
  expect(stored.alerts.webhookUrl).toBe(receiver.url);
});

test('a viewer sees the alert but no alert settings or history', async ({ browser }) => {
  const viewer = await browser.newContext({ storageState: EMPTY_STATE, baseURL: APP_URL });
  expect((await viewer.request.post('/api/session', { data: { password: VIEWER_PASSWORD } })).status()).toBe(200);
  const page = await viewer.newPage();
  await page.goto('/');
  await expect(page.getByTestId('alert-strip')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Alerts', exact: true })).toHaveCount(0);
  await page.goto('/alerts');
  await expect(page.getByTestId('no-access')).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByTestId('no-access')).toBeVisible();
  await expect(page.getByTestId('alert-settings')).toHaveCount(0);
  expect((await viewer.request.get('/api/alerts')).status()).toBe(200);
  expect((await viewer.request.get('/api/alerts/history')).status()).toBe(403);
  expect((await viewer.request.get('/api/alerts/channels')).status()).toBe(403);
  expect((await viewer.request.post('/api/alerts/test', { data: { channel: 'webhook' } })).status()).toBe(403);
  await viewer.close();
});

test('when nobody waits past critical any more, the alert resolves: one message, gone from the page, ended in the history', async ({ page }) => {
  test.setTimeout(180_000);
  const resolved = () => receiver.received.filter((message) => message.alert?.state === 'resolved' && message.alert.rule === 'critical-chats');
  expect(resolved()).toHaveLength(0);
  await page.goto('/');
  await expect(page.getByTestId('alert-item').filter({ hasText: CRITICAL })).toBeVisible({ timeout: 60_000 });

  await sim.setDataset('empty');
  // Within a refresh (5 s), an evaluation (every 15 s) and a delivery round (5 s).
  await expect.poll(() => resolved().length, { timeout: 90_000 }).toBe(1);
  expect(resolved()[0]!.text).toContain(CRITICAL);
  await expect(page.getByTestId('alert-item').filter({ hasText: CRITICAL })).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(12_000); // two more refreshes: still one
  expect(resolved()).toHaveLength(1);

  await page.goto('/alerts');
  const row = page.locator('[data-testid="alert-history-row"][data-rule="critical-chats"]').first();
  await expect(row).toHaveAttribute('data-state', 'resolved');
  await expect(row).not.toContainText('still active');
});
