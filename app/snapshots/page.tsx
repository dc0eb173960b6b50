import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/auth/no-access';
import { SnapshotList } from '@/components/snapshots/snapshot-list';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('snapshotsTitle') };
}

// Saved snapshots: the list, each opening in the dashboard's views.
export default async function Page() {
  const { allowed } = await pageAccess('view', '/snapshots');
  return allowed ? <SnapshotList /> : <NoAccess />;
}
