'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import { useCanManage } from '@/components/auth/session-context';
import { ExportMenu } from '@/components/exports/export-menu';
import { Drilldown } from '@/components/load/drilldown';
import { useLabels } from '@/components/load/labels';
import { LoadPanels } from '@/components/load/load-panels';
import { useProblemWords } from '@/components/load/problem-words';
import { LoadSkeleton } from '@/components/load/skeleton';
import { StatusBanner } from '@/components/load/status-banner';
import { ApiRequestError } from '@/components/queries/fetch-json';
import { useDeleteSnapshot, useSnapshotQuery } from '@/components/queries/use-snapshot-queries';
import { PageHeader } from '@/components/ui/page-header';
import { CopyLink } from './copy-link';
import { DeleteSnapshot } from './delete-snapshot';

/** A saved snapshot in the dashboard's own views: read-only, clearly dated, with its own exports. */
export function SnapshotView({ id }: { id: string }) {
  const t = useTranslations('snapshots');
  const tNav = useTranslations('nav');
  const labels = useLabels();
  const problems = useProblemWords();
  const router = useRouter();
  const query = useSnapshotQuery(id);
  const remove = useDeleteSnapshot();
  const capture = useRef<HTMLDivElement>(null);
  const canManage = useCanManage();
  const [drillUserId, setDrillUserId] = useState<string | null>(null);
  const closeDrilldown = useCallback(() => setDrillUserId(null), []);

  const snapshot = query.data?.snapshot;
  const data = query.data?.load;
  const gone = query.error instanceof ApiRequestError && query.error.status === 404;
  const title = data ? t('title', { time: labels.dateTime(data.asOf) }) : t('titleLoading');
  const frozen = snapshot?.filters;
  const drillOperator = drillUserId && data ? (data.byUser.find((row) => row.userId === drillUserId) ?? { userId: drillUserId, name: null }) : null;

  return (
    <main className="page">
      <PageHeader
        title={title}
        titleTestId="snapshot-title"
        badges={
          <>
            <span className="badge badge-snapshot">{t('readOnly')}</span>
            {data?.demo ? <span className="badge badge-demo">{t('demo')}</span> : null}
          </>
        }
        links={[
          { href: '/snapshots', label: tNav('snapshots') },
          { href: '/', label: tNav('live') },
        ]}
      />

      {gone ? (
        <div className="banner banner-error" role="alert" data-testid="snapshot-gone">
          <strong>{t('gone')}</strong>{' '}
          <a className="link" href="/snapshots">
            {t('toList')}
          </a>
        </div>
      ) : null}
      {query.isError && !gone ? (
        <div className="banner banner-error" role="alert">
          <strong>{t('loadFailed', { reason: problems.request(query.error) })}</strong>
        </div>
      ) : null}

      {snapshot && data ? (
        <>
          <div className="toolbar">
            <dl className="snapshot-facts" data-testid="snapshot-facts">
              {snapshot.label ? (
                <div>
                  <dt>{t('label')}</dt>
                  <dd data-testid="snapshot-label">{snapshot.label}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('savedAt')}</dt>
                <dd>
                  {labels.dateTime(snapshot.createdAt)} · {snapshot.trigger === 'scheduled' ? t('scheduled') : t('manual')}
                  {snapshot.savedBy ? ` · ${snapshot.savedBy}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('filters')}</dt>
                <dd>
                  {frozen?.channel || frozen?.user
                    ? [
                        frozen.channel ? labels.channelName(data.byChannel.find((row) => row.apiId === frozen.channel), frozen.channel) : null,
                        frozen.user ? labels.operatorName(data.byUser.find((row) => row.userId === frozen.user) ?? { userId: frozen.user, name: null }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : t('noFilters')}
                </dd>
              </div>
            </dl>
            <div className="toolbar-actions" data-no-capture>
              <CopyLink path={snapshot.url} />
              <ExportMenu exportPath={`/api/snapshots/${snapshot.id}/export`} filters={null} capture={capture} asOf={data.asOf} pictureName="snapshot" />
              {canManage ? (
                <DeleteSnapshot
                  pending={remove.isPending}
                  error={remove.isError ? problems.request(remove.error) : null}
                  onDelete={() => remove.mutate(snapshot.id, { onSuccess: () => router.push('/snapshots') })}
                />
              ) : null}
            </div>
          </div>
          <StatusBanner data={data} error={null} />
          <div className="content" ref={capture}>
            <p className="print-only print-title">{title}</p>
            <LoadPanels data={data} selected={drillUserId} onSelect={setDrillUserId} />
          </div>
        </>
      ) : !query.isError ? (
        <LoadSkeleton />
      ) : null}

      {drillOperator && data ? (
        <Drilldown
          operator={drillOperator}
          channelFilter={frozen?.channel ?? null}
          channels={data.byChannel}
          refreshSeconds={null}
          chatsPath={`/api/snapshots/${id}/chats`}
          onClose={closeDrilldown}
        />
      ) : null}
    </main>
  );
}
