import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, LOCALE_HEADER, resolveLocale, type Locale } from './locales';
import en from './messages/en.json';
import ru from './messages/ru.json';

// next-intl's per-request configuration (named in next.config.js): the language of this request and
// its catalogue. Both catalogues are small, so they are imported rather than loaded on demand.

const MESSAGES: Record<Locale, typeof en> = { en, ru };

export default getRequestConfig(async () => {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const locale = resolveLocale({
    explicit: headerList.get(LOCALE_HEADER),
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
  return { locale, messages: MESSAGES[locale] };
});
