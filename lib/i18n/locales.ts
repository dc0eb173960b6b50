// The languages of the dashboard, and how a request picks one: an explicit choice first (the wall
// display's `lang=` or the language switch's cookie), then the browser's Accept-Language.

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Remembers the language picked with the switch, for a year. */
export const LOCALE_COOKIE = 'chatload-locale';
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
/** Set by the proxy for a wall display's `?lang=`; never sent by browsers. */
export const LOCALE_HEADER = 'x-chatload-locale';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8"), or null. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    if (isLocale(entry.language)) return entry.language;
  }
  return null;
}

/** The language of a request, from what it says explicitly, else from what the browser prefers. */
export function resolveLocale(input: { explicit?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.explicit)) return input.explicit;
  if (isLocale(input.cookie)) return input.cookie;
  return negotiateLocale(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
