import type { Metadata } from 'next';
import { TvSetup } from '@/components/tv/tv-setup';

export const metadata: Metadata = { title: 'chatload — wall display setup' };

// Builds the URL of a wall display, with a live preview.
export default function Page() {
  return <TvSetup />;
}
