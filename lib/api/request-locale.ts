import { LOCALE_COOKIE, LOCALE_HEADER, isLocale, negotiateLocale, type Locale } from '@/lib/i18n/locales';

/** The language the requester asked for (header, cookie, Accept-Language), or null when they did not say. */
export function requestedLocale(request: Request): Locale | null {
  const explicit = request.headers.get(LOCALE_HEADER);
  if (isLocale(explicit)) return explicit;
  const cookie = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(request.headers.get('accept-language'));
}
