import { isValidElement, type ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';

// The sign-in page hands its form the page to go on to once signed in. A link to /login is anyone's
// to write: whatever its `next` says, the form must be given a page of our own.

vi.mock('@/lib/runtime', () => ({
  getRuntime: async () => ({ config: { auth: { disabled: false } }, signIn: { hasNamedAccounts: false } }),
}));

const { default: LoginPage } = await import('@/app/login/page');

const OURS = 'https://chatload.example.com';

async function nextGivenToTheForm(next: string | string[]): Promise<string | null> {
  const page = (await LoginPage({ searchParams: Promise.resolve({ next }) })) as ReactElement<{ next: string | null }>;
  expect(isValidElement(page)).toBe(true);
  return page.props.next;
}

describe('the sign-in page', () => {
  it.each(['/%09/evil.example/', '/%0a/evil.example', '//evil.example', '/%5Cevil.example', '%20//evil.example', '/.//evil.example', 'https://evil.example/'])(
    'given next=%s, signs in towards a page of ours',
    async (raw) => {
      // As Next hands it over: the query string decoded.
      const next = new URL(`${OURS}/login?next=${raw}`).searchParams.get('next')!;
      const target = await nextGivenToTheForm(next);
      expect(new URL(target ?? '/', OURS).origin).toBe(OURS);
      expect(target).toBe('/');
    },
  );

  it('keeps a page of ours, query included', async () => {
    expect(await nextGivenToTheForm('/snapshots?limit=5')).toBe('/snapshots?limit=5');
    expect(await nextGivenToTheForm(['/settings', '//evil.example'])).toBe('/settings');
  });
});
