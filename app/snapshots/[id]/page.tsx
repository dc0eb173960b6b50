import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SnapshotView } from '@/components/snapshots/snapshot-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('snapshotTitle') };
}

// One snapshot, read-only, at its shareable address.
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SnapshotView id={id} />;
}
