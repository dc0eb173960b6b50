import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/auth/no-access';
import { SnapshotView } from '@/components/snapshots/snapshot-view';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('snapshotTitle') };
}

// One snapshot, read-only, at its shareable address.
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { allowed } = await pageAccess('view', `/snapshots/${encodeURIComponent(id)}`);
  return allowed ? <SnapshotView id={id} /> : <NoAccess />;
}
