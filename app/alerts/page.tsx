import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AlertHistory } from '@/components/alerts/alert-history';
import { NoAccess } from '@/components/auth/no-access';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('alertsTitle') };
}

// Managers only: every alert that started, when it fired and ended, and where it was delivered.
export default async function Page() {
  const { allowed } = await pageAccess('manage', '/alerts');
  return allowed ? <AlertHistory /> : <NoAccess />;
}
