import { Suspense } from 'react';
import { TeamLoad } from '@/components/load/team-load';
import { LoadSkeleton } from '@/components/load/skeleton';

// The team load page: everything happens in the client component, which polls /api/load.
export default function TeamLoadPage() {
  return (
    <Suspense fallback={<LoadSkeleton />}>
      <TeamLoad />
    </Suspense>
  );
}
