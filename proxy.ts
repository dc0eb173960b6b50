import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_HEADER, isLocale } from '@/lib/i18n/locales';

// A wall display takes its language from its URL (`/tv?lang=ru`), not from the TV's browser: the
// proxy hands that choice to the page's render as a request header. Only /tv passes through here.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete(LOCALE_HEADER);
  const lang = request.nextUrl.searchParams.get('lang');
  if (isLocale(lang)) headers.set(LOCALE_HEADER, lang);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/tv'] };
