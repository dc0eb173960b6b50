import { describe, expect, it } from 'vitest';
import { negotiateLocale, resolveLocale } from './locales';

describe('choosing the language of a request', () => {
  it("follows the browser's preference, by quality and then by order", () => {
    expect(negotiateLocale('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ru');
    expect(negotiateLocale('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(negotiateLocale('de-DE,de;q=0.9,ru;q=0.5,en;q=0.4')).toBe('ru');
    expect(negotiateLocale('en;q=0.3, ru;q=0.7')).toBe('ru');
    expect(negotiateLocale('RU')).toBe('ru');
  });

  it('finds none when the browser asks only for languages we lack, or refuses ours', () => {
    expect(negotiateLocale('de-DE,fr;q=0.5')).toBeNull();
    expect(negotiateLocale('ru;q=0, de')).toBeNull();
    expect(negotiateLocale('')).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("puts the display's lang= before the switch's cookie, and the cookie before the browser", () => {
    expect(resolveLocale({ explicit: 'ru', cookie: 'en', acceptLanguage: 'en' })).toBe('ru');
    expect(resolveLocale({ explicit: 'xx', cookie: 'ru', acceptLanguage: 'en' })).toBe('ru');
    expect(resolveLocale({ cookie: 'de', acceptLanguage: 'ru-RU' })).toBe('ru');
    expect(resolveLocale({ acceptLanguage: 'de' })).toBe('en');
  });
});
