import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { SessionProvider } from '@/components/auth/session-context';
import { currentUser } from '@/lib/auth/page-access';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('title'), description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#14171c' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const session = await currentUser();
  const t = await getTranslations('auth');
  return (
    <html lang={locale}>
      <body>
        {session.warning ? (
          <p className="open-warning" role="alert" data-testid="auth-disabled-warning">
            {t('openWarning')}
          </p>
        ) : null}
        <NextIntlClientProvider>
          <SessionProvider value={{ user: session.user, authDisabled: session.authDisabled }}>
            <Providers>{children}</Providers>
          </SessionProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
