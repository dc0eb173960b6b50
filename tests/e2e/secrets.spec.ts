import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DATA_DIR, E2E_TOKEN, METRICS_TOKEN, SERVER_LOG } from './support/env';
import { sim } from './support/sim';

// The API token is a path segment of every wamm.chat URL. After every other e2e test has sent its
// traffic (faults included), it must be in no response, no export, no stored snapshot or history, no
// log line and no built file. Nor must the metrics token, which every scrape sends.

const forms = [E2E_TOKEN, encodeURIComponent(E2E_TOKEN), METRICS_TOKEN, encodeURIComponent(METRICS_TOKEN)];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('the tokens are in no response, export, stored file, server log or build output', async ({ page, request }) => {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      // redirects and aborted requests have no body
    }
  });
  await page.goto('/');
  await expect(page.getByTestId('headline-open-chats')).toBeVisible();

  for (const kind of ['token_fail', 'html', 'http_500', 'malformed_json']) {
    await sim.setFault({ kind });
    for (const route of ['/api/load', '/api/chats', '/api/health', '/api/load?user=abc', '/nope']) {
      bodies.push(await (await request.get(route)).text());
    }
  }
  await sim.clearFault();

  // Scrapes, right and wrong, and a bearer token where a session is expected.
  const scrape = await request.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(scrape.status()).toBe(200);
  expect(await scrape.text()).toContain('chatload_open_chats ');
  for (const authorization of [`Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN, `Bearer ${E2E_TOKEN}`]) {
    const refused = await request.get('/metrics', { headers: { authorization } });
    expect(refused.status()).toBe(401);
    bodies.push(await refused.text());
  }
  bodies.push(await scrape.text(), await (await request.get('/api/load', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text());

  // A snapshot saved while wamm.chat fails, then every export and page of it; the live exports too.
  await sim.setFault({ kind: 'token_fail' });
  const saved = (await (await request.post('/api/snapshots', { data: { label: 'secrets' } })).json()) as { id: string; url: string };
  await sim.clearFault();
  const exports = ['format=csv', 'format=csv&rows=operators', 'format=json', 'format=xlsx'];
  for (const query of exports) {
    bodies.push((await (await request.get(`/api/export?${query}`)).body()).toString('latin1'));
    bodies.push((await (await request.get(`/api/snapshots/${saved.id}/export?${query}`)).body()).toString('latin1'));
  }
  for (const route of [
    `/api/snapshots/${saved.id}`,
    '/api/snapshots',
    '/api/history',
    saved.url,
    '/snapshots',
    '/api/snapshots/unknown',
    '/api/display-keys',
    '/api/audit',
    '/api/session',
    '/settings',
    '/login',
    '/tv/setup',
  ]) {
    bodies.push(await (await request.get(route)).text());
  }
  const stored = filesUnder(DATA_DIR);
  expect(stored.some((file) => file.endsWith('.db'))).toBe(true);

  expect(bodies.length).toBeGreaterThan(20);
  const built = filesUnder('.next').filter((file) => !file.includes(`${path.sep}cache${path.sep}`));
  expect(built.length).toBeGreaterThan(20);
  const log = readFileSync(SERVER_LOG, 'utf8');
  expect(log).toContain('chatload');

  for (const form of forms) {
    for (const body of bodies) expect(body).not.toContain(form);
    expect(log).not.toContain(form);
    for (const file of [...built, ...stored]) expect(readFileSync(file).includes(form), file).toBe(false);
  }
});
