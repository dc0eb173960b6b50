import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TvSetup } from '@/components/tv/tv-setup';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('tvSetupTitle') };
}

// Builds the URL of a wall display, with a live preview.
export default function Page() {
  return <TvSetup />;
}
