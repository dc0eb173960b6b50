'use client';

import { useTranslations } from 'next-intl';
import { useCanManage } from '@/components/auth/session-context';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { useDeleteSnapshot, useSnapshotsQuery } from '@/components/queries/use-snapshot-queries';
import { PageHeader } from '@/components/ui/page-header';
import { DeleteSnapshot } from './delete-snapshot';

/** Every saved snapshot, newest first: when, what it held, and links to open or delete it. */
export function SnapshotList() {
  const t = useTranslations('snapshots');
  const tNav = useTranslations('nav');
  const labels = useLabels();
  const problems = useProblemWords();
  const list = useSnapshotsQuery();
  const remove = useDeleteSnapshot();
  const snapshots = list.data?.snapshots;
  const canManage = useCanManage();

  return (
    <main className="page">
      <PageHeader title={t('listTitle')} links={[{ href: '/', label: tNav('live') }]} />
      <p className="muted">{t('listIntro')}</p>
      {list.isError ? (
        <p className="banner banner-error" role="alert">
          {t('listFailed', { reason: problems.request(list.error) })}
        </p>
      ) : null}
      {snapshots && snapshots.length === 0 ? <p className="empty">{t('none')}</p> : null}
      {snapshots && snapshots.length > 0 ? (
        <div className="panel">
          <div className="table-scroll">
            <table className="data-table" data-testid="snapshot-list">
              <caption className="visually-hidden">{t('listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dataAsOf')}</th>
                  <th scope="col">{t('label')}</th>
                  <th scope="col">{t('filters')}</th>
                  <th scope="col" className="numeric">
                    {t('openChats')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('operators')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('oldest')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((snapshot) => (
                  <tr key={snapshot.id} data-testid={`snapshot-row-${snapshot.id}`}>
                    <th scope="row">
                      <a className="link" href={snapshot.url}>
                        {labels.dateTime(snapshot.asOf)}
                      </a>
                      <div className="muted small">
                        {snapshot.trigger === 'scheduled' ? t('scheduled') : t('manual')}
                        {snapshot.savedBy ? ` · ${snapshot.savedBy}` : ''}
                        {snapshot.complete ? '' : ` · ${t('partial')}`}
                      </div>
                    </th>
                    <td>{snapshot.label ?? <span className="muted">—</span>}</td>
                    <td>
                      {snapshot.filters.channel || snapshot.filters.user
                        ? [
                            snapshot.filters.channel ? labels.channelName(undefined, snapshot.filters.channel) : null,
                            snapshot.filters.user ? labels.operatorName({ userId: snapshot.filters.user, name: null }) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')
                        : t('noFilters')}
                    </td>
                    <td className="numeric strong" data-testid={`snapshot-open-${snapshot.id}`}>
                      {labels.count(snapshot.openChats)}
                    </td>
                    <td className="numeric">{labels.count(snapshot.operators)}</td>
                    <td className="numeric">{labels.age(snapshot.oldestAgeSeconds)}</td>
                    <td>
                      {canManage ? (
                        <DeleteSnapshot
                          compact
                          pending={remove.isPending && remove.variables === snapshot.id}
                          error={remove.isError && remove.variables === snapshot.id ? problems.request(remove.error) : null}
                          onDelete={() => remove.mutate(snapshot.id)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </main>
  );
}
