import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redirectTarget } from './redirect-target';

// A sign-in link says where to go next. Whatever it says, the browser must end up on our site.

const OURS = 'https://chatload.example.com';
const nasty = ['/', '//', '\\', '/\\', '\t', '\n', '\r', ' ', '\u0000', '\u001f', '\u000b', '\u00a0', '\u3000', '\uff0f', '.', '..', '%2f', '%5c', '%09', '%2e', '@', ':', 'evil.example', 'http:', 'https:', 'javascript:', 'data:', '?', '#', 'tv', 'login', '0x7f000001'];
const anyTarget = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.constantFrom(...nasty), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom(...nasty), fc.constantFrom(...nasty), fc.webUrl()).map(([a, b, url]) => `${a}${b}${url.replace(/^https?:\/\//, '')}`),
);

/** Where a browser on `origin` goes with `location.assign(target)`. */
const landsOn = (target: string, origin: string) => new URL(target, origin).origin;

describe('redirectTarget', () => {
  it('sends the reported link /login?next=/%09/evil.example/ home, not to evil.example', () => {
    const next = new URL('https://chatload.example.com/login?next=/%09/evil.example/').searchParams.get('next');
    const target = redirectTarget(next, { fallback: '/', origin: OURS });
    expect(landsOn(target, OURS)).toBe(OURS);
    expect(target).toBe('/');
  });

  it.each([
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    ' //evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/.//evil.example',
    '/..//evil.example/x',
    'evil.example',
    '',
  ])('refuses %j', (value) => {
    expect(redirectTarget(value, { fallback: '/fallback', origin: OURS })).toBe('/fallback');
  });

  it('keeps a page of ours with its query and hash', () => {
    expect(redirectTarget('/snapshots/abc?x=1#top', { fallback: '/', origin: OURS })).toBe('/snapshots/abc?x=1#top');
    expect(redirectTarget('/?channel=1401&user=', { fallback: '/' })).toBe('/?channel=1401&user=');
  });

  it('applies the extra rule to the resolved path', () => {
    const tvOnly = { fallback: '/tv', allow: (url: URL) => url.pathname === '/tv' };
    expect(redirectTarget('/tv?panels=headline,operators', tvOnly)).toBe('/tv?panels=headline,operators');
    expect(redirectTarget('/tv/../settings', tvOnly)).toBe('/tv');
    expect(redirectTarget('/settings', tvOnly)).toBe('/tv');
  });

  it('whatever the value, the browser stays on our origin, wherever that is', () => {
    fc.assert(
      fc.property(anyTarget, fc.constantFrom(OURS, 'http://127.0.0.1:3000', 'http://[::1]:8080'), (value, origin) => {
        const target = redirectTarget(value, { fallback: '/', origin });
        // On the origin it was checked for, and on any other: it is a path, not a place.
        expect(landsOn(target, origin)).toBe(origin);
        expect(landsOn(target, 'https://elsewhere.test')).toBe('https://elsewhere.test');
        expect(target.startsWith('/')).toBe(true);
        // Nothing left that a browser would strip and read differently.
        expect(target).not.toMatch(/[\u0000-\u0020]/);
        expect(target.split(/[?#]/)[0]).not.toContain('\\');
        // Checking twice changes nothing.
        expect(redirectTarget(target, { fallback: '/', origin })).toBe(target);
      }),
      { numRuns: 5000 },
    );
  });
});
