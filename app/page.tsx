import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NoAccess } from '@/components/auth/no-access';
import { pageAccess } from '@/lib/auth/page-access';
import { getRuntime } from '@/lib/runtime';
import { TeamLoad } from '@/components/load/team-load';
import { LoadSkeleton } from '@/components/load/skeleton';

// The team load page: everything happens in the client component, which polls /api/load. The
// fallback is what the server sends: the page's heading and grey panels, in the page's own layout.
// The team's time zone comes from here: team analytics count days on the team's clock.
export default async function TeamLoadPage() {
  const { allowed } = await pageAccess('view', '/');
  if (!allowed) return <NoAccess />;
  const t = await getTranslations('teamLoad');
  const { config } = await getRuntime();
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
      <TeamLoad timeZone={config.wammTimezone} />
    </Suspense>
  );
}
