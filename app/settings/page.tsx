import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/auth/no-access';
import { SettingsPage } from '@/components/settings/settings-page';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('settingsTitle') };
}

// Managers only: display keys for wall displays, and the audit log.
export default async function Page() {
  const { allowed } = await pageAccess('manage', '/settings');
  return allowed ? <SettingsPage /> : <NoAccess />;
}
