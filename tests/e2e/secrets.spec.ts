import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN, SERVER_LOG } from './support/env';
import { sim } from './support/sim';

// The API token is a path segment of every wamm.chat URL. After every other e2e test has sent its
// traffic (faults included), it must be in no response, no log line and no built file.

const forms = [E2E_TOKEN, encodeURIComponent(E2E_TOKEN)];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('the token is in no response, no server log and no build output', async ({ page, request }) => {
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

  expect(bodies.length).toBeGreaterThan(20);
  const built = filesUnder('.next').filter((file) => !file.includes(`${path.sep}cache${path.sep}`));
  expect(built.length).toBeGreaterThan(20);
  const log = readFileSync(SERVER_LOG, 'utf8');
  expect(log).toContain('chatload');

  for (const form of forms) {
    for (const body of bodies) expect(body).not.toContain(form);
    expect(log).not.toContain(form);
    for (const file of built) expect(readFileSync(file).includes(form), file).toBe(false);
  }
});
