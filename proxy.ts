import { NextResponse, type NextRequest } from 'next/server';
import { parseConfig } from '@/lib/config';
import { LOCALE_HEADER, isLocale } from '@/lib/i18n/locales';

// Every page request passes here (API routes and static files do not):
//  - a Content-Security-Policy with a fresh nonce: Next puts it on its own scripts, and no other
//    inline script may run; pages may be framed only as FRAME_ANCESTORS says (the wall display
//    also by our own setup page, for its preview);
//  - a wall display opened with its key (/tv?key=…) trades it for a session at once, so the key
//    leaves the address bar and the browser history;
//  - a wall display takes its language from its URL (`/tv?lang=ru`), not from the TV's browser.

let frameAncestors: string | null = null;
function configuredFrameAncestors(): string {
  if (frameAncestors === null) {
    try {
      frameAncestors = parseConfig(process.env).auth.frameAncestors;
    } catch {
      frameAncestors = "'none'";
    }
  }
  return frameAncestors;
}

function contentSecurityPolicy(nonce: string, pathname: string): string {
  const configured = configuredFrameAncestors();
  const ancestors = pathname === '/tv' ? (configured === "'none'" ? "'self'" : `'self' ${configured}`) : configured;
  const dev = process.env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // recharts and the charts' bars set inline styles; no inline script is allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    `frame-ancestors ${ancestors}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const key = pathname === '/tv' ? searchParams.get('key') : null;
  if (key !== null) {
    const rest = new URLSearchParams(searchParams);
    rest.delete('key');
    const next = rest.size > 0 ? `/tv?${rest}` : '/tv';
    const target = new URL(`/api/display-session?${new URLSearchParams({ key, next })}`, request.url);
    return NextResponse.redirect(target, { status: 303, headers: { 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' } });
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce, pathname);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-nonce', nonce);
  headers.delete(LOCALE_HEADER);
  const lang = pathname === '/tv' ? searchParams.get('lang') : null;
  if (isLocale(lang)) headers.set(LOCALE_HEADER, lang);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: not the API, Next's static files or the icon.
  matcher: [{ source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)' }],
};
