import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/auth/no-access';
import { TvSetup } from '@/components/tv/tv-setup';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('tvSetupTitle') };
}

// Builds the URL of a wall display, with a live preview.
export default async function Page() {
  const { allowed } = await pageAccess('view', '/tv/setup');
  return allowed ? <TvSetup /> : <NoAccess />;
}
