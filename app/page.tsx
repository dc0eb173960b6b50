import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { TeamLoad } from '@/components/load/team-load';
import { LoadSkeleton } from '@/components/load/skeleton';

// The team load page: everything happens in the client component, which polls /api/load. The
// fallback is what the server sends: the page's heading and grey panels, in the page's own layout.
export default function TeamLoadPage() {
  const t = useTranslations('teamLoad');
  return (
    <Suspense
      fallback={
        <main className="page">
          <header className="page-header">
            <div className="title-row">
              <h1>{t('title')}</h1>
            </div>
          </header>
          <LoadSkeleton />
        </main>
      }
    >
      <TeamLoad />
    </Suspense>
  );
}
