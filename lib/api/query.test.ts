import { describe, expect, it } from 'vitest';
import { displaySessionQuerySchema } from './query';

const KEY = 'a'.repeat(43);
const nextOf = (next: string | undefined) => displaySessionQuerySchema.parse({ key: KEY, next }).next;

describe('the display pairing next page', () => {
  it('keeps the wall display with its settings', () => {
    expect(nextOf('/tv?panels=headline,operators&theme=light')).toBe('/tv?panels=headline,operators&theme=light');
    expect(nextOf('/tv')).toBe('/tv');
    expect(nextOf(undefined)).toBe('/tv');
  });

  it.each(['//evil.example', '/\t/evil.example', 'https://evil.example/tv', '/tv/../settings', '/settings', '/tvx', ' /tv'])('sends %j to /tv', (next) => {
    expect(nextOf(next)).toBe('/tv');
  });

  it('never gives a Location a line break to carry', () => {
    // The query is decoded before it gets here: %0d%0a arrives as CR LF.
    const next = nextOf('/tv?theme=dark\r\nSet-Cookie: chatload_session=forged');
    expect(next).not.toMatch(/[\r\n]/);
    expect(() => new Headers({ location: next })).not.toThrow();
    expect(new URL(next, 'https://chatload.example.com').pathname).toBe('/tv');
  });
});
