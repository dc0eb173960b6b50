import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TvPage } from './tv-page';
import './tv.css';

export const metadata: Metadata = { title: 'chatload — wall display' };

// The wall display: configured by its URL (see /tv/setup), it polls and runs by itself.
export default function Page() {
  return (
    <Suspense fallback={<div className="tv" data-theme="dark" />}>
      <TvPage />
    </Suspense>
  );
}
