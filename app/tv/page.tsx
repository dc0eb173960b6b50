import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { pageAccess } from '@/lib/auth/page-access';
import { TvPage } from './tv-page';
import './tv.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('tvTitle') };
}

// The wall display: configured by its URL (see /tv/setup), it polls and runs by itself. A TV signs in
// with a display key (/tv?key=…, traded for a cookie by the proxy and /api/display-session).
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(name, item);
  }
  await pageAccess('display', search.size > 0 ? `/tv?${search}` : '/tv');
  return (
    <Suspense fallback={<div className="tv" data-theme="dark" />}>
      <TvPage />
    </Suspense>
  );
}
