import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { NoAccess } from '@/components/auth/no-access';
import { RebalancePage } from '@/components/rebalance/rebalance-page';
import { pageAccess } from '@/lib/auth/page-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('rebalanceTitle') };
}

// Managers only: plan and apply moves of chats between operators, in wamm.chat.
export default async function Page() {
  const { allowed } = await pageAccess('manage', '/rebalance');
  if (!allowed) return <NoAccess />;
  return (
    <Suspense>
      <RebalancePage />
    </Suspense>
  );
}
