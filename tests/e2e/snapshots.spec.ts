import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { E2E_TOKEN, extraPort, SIM_URL } from './support/env';
import { startExtraApp } from './support/extra-app';
import { numberIn, sim } from './support/sim';
import { parseCsv } from '../support/csv';

// Snapshots, exports and history as a manager uses them: save one from the page, open it, take
// every export away, and check each says the same numbers as the snapshot.

test.beforeEach(async () => {
  await sim.clearFault();
  await sim.setDataset('demo');
});

async function saveSnapshot(page: Page, label: string): Promise<string> {
  await page.getByTestId('save-snapshot').click();
  await page.getByLabel('Label (optional)').fill(label);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const link = page.getByTestId('snapshot-saved').getByRole('link', { name: 'Open it' });
  await expect(link).toBeVisible();
  return (await link.getAttribute('href'))!;
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-menu').locator('summary').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: (file as Download).suggestedFilename(), bytes: readFileSync((await (file as Download).path())!) };
}

test('a snapshot freezes the page, opens read-only, and every export says the same numbers', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).not.toHaveText('');
  const url = await saveSnapshot(page, 'Вечер, "смена" =1+1');
  await page.goto(url);
  await expect(page.getByTestId('snapshot-title')).toHaveText(/^Snapshot of \d{1,2} \w{3} \d{4}, \d\d:\d\d$/);
  await expect(page.getByText('Read-only snapshot')).toBeVisible();
  await expect(page.getByTestId('snapshot-label')).toHaveText('Вечер, "смена" =1+1');
  const total = numberIn(await page.getByTestId('headline-open-chats').textContent());
  const api = (await (await page.request.get(`/api${url}`)).json()) as { load: { totals: { openChats: number }; byUser: Array<{ userId: string; openChats: number }> } };
  expect(api.load.totals.openChats).toBe(total);

  // The team moves on; the snapshot does not.
  await sim.setDataset('empty');
  await page.reload();
  await expect(page.getByTestId('headline-open-chats')).toHaveText(String(total));

  // CSV, one row per chat: UTF-8 with a BOM, a header, every chat.
  const chats = await download(page, 'export-csv-chats');
  expect(chats.name).toMatch(/^chatload-\d{4}-\d\d-\d\dT\d{4}-.*chats\.csv$/);
  expect([...chats.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const chatRows = parseCsv(chats.bytes.toString('utf8').slice(1), ',');
  expect(chatRows.length - 1).toBe(total);

  // CSV per operator, with ";" for Excel in Russian: the operators' open chats add up to the total.
  await page.getByTestId('export-menu').locator('summary').click();
  await page.getByTestId('export-separator').selectOption(';');
  await page.getByTestId('export-menu').locator('summary').click();
  const operators = await download(page, 'export-csv-operators');
  const operatorRows = parseCsv(operators.bytes.toString('utf8').slice(1), ';');
  const openColumn = operatorRows[0]!.findIndex((name) => /open chats/i.test(name));
  expect(openColumn).toBeGreaterThan(-1);
  expect(operatorRows.slice(1).reduce((sum, row) => sum + Number(row[openColumn]), 0)).toBe(total);
  expect(operatorRows.length - 1).toBe(api.load.byUser.length);

  // JSON with its schema version; Excel with its four sheets.
  const json = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8')) as { schema: string; version: number; totals: { openChats: number }; chats: unknown[] };
  expect(json).toMatchObject({ schema: 'chatload.export', version: 1, totals: { openChats: total } });
  expect(json.chats).toHaveLength(total);
  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Operators', 'Channels', 'Teams', 'Chats']);
  expect(workbook.getWorksheet('Chats')!.actualRowCount - 1).toBe(total);

  // A picture of the charts.
  const png = await download(page, 'export-png');
  expect(png.name).toMatch(/^chatload-.*-snapshot\.png$/);
  expect([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  expect(png.bytes.length).toBeGreaterThan(20_000);

  for (const file of [chats, operators, xlsx, png]) expect(file.bytes.includes(Buffer.from(E2E_TOKEN))).toBe(false);
});

test('snapshots are listed, and a deleted one is gone, its link saying so', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).not.toHaveText('');
  const url = await saveSnapshot(page, 'to be deleted');
  const id = url.split('/').pop()!;
  await page.goto('/snapshots');
  await expect(page.getByTestId(`snapshot-row-${id}`)).toContainText('to be deleted');
  await page.goto(url);
  await page.getByTestId('delete-snapshot').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page).toHaveURL(/\/snapshots$/);
  await expect(page.getByTestId(`snapshot-row-${id}`)).toHaveCount(0);
  await page.goto(url);
  await expect(page.getByTestId('snapshot-gone')).toBeVisible();
});

test('the dashboard prints to a clean PDF, without its controls', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).not.toHaveText('');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('save-snapshot')).toBeHidden();
  await expect(page.getByTestId('theme-switch')).toBeHidden();
  await expect(page.getByText(/^Team load as of/)).toBeVisible();
  await expect(page.getByTestId('operator-table')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(30_000);
});

test('the trends show the load the server wrote down, by itself, every few seconds', async ({ page }) => {
  // The server samples the load every 5 s here and keeps the first sample of each minute: when an
  // earlier spec changed the team within this minute, its newest minute shows the change at the next
  // one. Ask for the last hour, in one-minute steps (a day's trend averages five minutes, so a change
  // a few minutes ago would still show in its newest point), and wait until its newest minute holds
  // the team as it is now (up to a minute and a half); then look at the page.
  test.setTimeout(150_000);
  const total = async () => ((await (await page.request.get('/api/load')).json()) as { totals: { openChats: number } }).totals.openChats;
  const newest = async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const body = (await (await page.request.get(`/api/history?by=total&from=${encodeURIComponent(from)}`)).json()) as { series: Array<{ points: Array<{ openChats: number | null }> }> };
    return body.series[0]!.points.filter((point) => point.openChats !== null).at(-1)?.openChats ?? null;
  };
  await expect.poll(async () => (await newest()) === (await total()), { timeout: 90_000, intervals: [2_000] }).toBe(true);
  await page.goto('/');
  const trends = page.getByTestId('trends');
  await expect(trends.getByRole('heading', { name: 'Trends — whole team' })).toBeVisible();
  // Both charts are drawn, each named for a screen reader; the table below holds their numbers.
  await expect(trends.locator('.chart-frame svg.recharts-surface')).toHaveCount(2, { timeout: 20_000 });
  await expect(trends.getByRole('img', { name: 'Open chats over time, whole team' })).toBeVisible();
  await trends.getByText('Show as a table').click();
  const shown = numberIn(await page.getByTestId('headline-open-chats').textContent());
  await expect(trends.getByTestId('trends-table').locator('tbody tr').last().locator('td').first()).toHaveText(String(shown));
  await trends.getByRole('button', { name: '7 days' }).click();
  await expect(trends.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');
});

test('the server takes scheduled snapshots by itself, and keeps them over a restart', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chatload-e2e-'));
  const env = { WAMM_TOKEN: E2E_TOKEN, WAMM_API_URL: `${SIM_URL}/api2`, SNAPSHOT_EVERY: '10s', DATA_DIR: dataDir, AUTH_DISABLED: '1' };
  let app = await startExtraApp(extraPort(14), env);
  const listed = async () => ((await (await fetch(`${app.url}/api/snapshots`)).json()) as { snapshots: Array<{ id: string; trigger: string }> }).snapshots;
  try {
    await expect.poll(async () => (await listed()).filter((snapshot) => snapshot.trigger === 'scheduled').length, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await listed();
    await app.stop();
    app = await startExtraApp(extraPort(14), { ...env, SNAPSHOT_EVERY: '' });
    const after = await listed();
    expect(after.map((snapshot) => snapshot.id)).toEqual(expect.arrayContaining(before.map((snapshot) => snapshot.id)));
    await page.goto(`${app.url}/snapshots`);
    await expect(page.getByTestId('snapshot-list').getByText('scheduled').first()).toBeVisible();
    // Sign-in is off on purpose there: every page says so.
    await expect(page.getByTestId('auth-disabled-warning')).toBeVisible();
  } finally {
    await app.stop();
  }
});
