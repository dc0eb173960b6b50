import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { TvPage } from './tv-page';
import './tv.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('tvTitle') };
}

// The wall display: configured by its URL (see /tv/setup), it polls and runs by itself.
export default function Page() {
  return (
    <Suspense fallback={<div className="tv" data-theme="dark" />}>
      <TvPage />
    </Suspense>
  );
}
