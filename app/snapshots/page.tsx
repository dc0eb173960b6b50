import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SnapshotList } from '@/components/snapshots/snapshot-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('snapshotsTitle') };
}

// Saved snapshots: the list, each opening in the dashboard's views.
export default function Page() {
  return <SnapshotList />;
}
