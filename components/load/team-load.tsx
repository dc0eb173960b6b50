'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { ChartBarOperatorLoad } from '@/components/charts/chart-bar-operator-load';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { ThemeSwitch } from '@/components/ui/theme-switch';
import { AgePanel } from './age-panel';
import { ChannelPanel } from './channel-panel';
import { Drilldown } from './drilldown';
import { FilterBar } from './filter-bar';
import { NO_FILTERS, useUrlFilters } from './filters';
import { HeadlineNumbers } from './headline-numbers';
import { OperatorTable } from './operator-table';
import { LoadSkeleton } from './skeleton';
import { StatusBanner } from './status-banner';
import { UpdatedAgo } from './updated-ago';

/** The supervisor's view: the team's open chats, live, filtered by the URL. */
export function TeamLoad() {
  const t = useTranslations('teamLoad');
  const tNav = useTranslations('nav');
  const [filters, setFilters] = useUrlFilters();
  const view = useLoadQuery(filters);
  // The unfiltered data set names every operator and channel for the filters and the drill-down;
  // with no filter it is the same query as the view.
  const everything = useLoadQuery(NO_FILTERS);
  const [drillUserId, setDrillUserId] = useState<string | null>(null);
  const closeDrilldown = useCallback(() => setDrillUserId(null), []);

  const data = view.data;
  const operators = everything.data?.byUser ?? data?.byUser ?? [];
  const channels = everything.data?.byChannel ?? data?.byChannel ?? [];
  const drillOperator = drillUserId ? (operators.find((row) => row.userId === drillUserId) ?? { userId: drillUserId, name: null }) : null;

  return (
    <main className="page">
      <header className="page-header">
        <div className="title-row">
          <h1>{t('title')}</h1>
          {data?.demo ? (
            <span className="badge badge-demo" data-testid="demo-badge" title={t('demoHint')}>
              {t('demo')}
            </span>
          ) : null}
        </div>
        <div className="header-side">
          {data ? <UpdatedAgo asOf={data.asOf} refreshSeconds={data.refreshSeconds} /> : null}
          <a href="/tv/setup" className="header-link">
            {tNav('wallDisplay')}
          </a>
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>

      <FilterBar filters={filters} operators={operators} channels={channels} onChange={setFilters} />
      <StatusBanner data={data} error={view.error} />

      {!data ? (
        view.isError ? (
          <p className="empty" role="status">
            {t('noNumbers')}
          </p>
        ) : (
          <LoadSkeleton />
        )
      ) : (
        <div className={view.isPlaceholderData ? 'content content-updating' : 'content'}>
          <HeadlineNumbers totals={data.totals} />
          <div className="grid">
            <section className="panel panel-wide" aria-labelledby="operators-chart-title">
              <h2 id="operators-chart-title">{t('operatorsChart')}</h2>
              <ChartBarOperatorLoad rows={data.byUser.filter((row) => row.openChats > 0)} onSelect={setDrillUserId} />
            </section>
            <ChannelPanel rows={data.byChannel} />
            <AgePanel buckets={data.ageBuckets} />
            <section className="panel panel-wide" aria-labelledby="operators-table-title">
              <h2 id="operators-table-title">{t('operatorsTable')}</h2>
              <OperatorTable rows={data.byUser} onSelect={setDrillUserId} selected={drillUserId} />
            </section>
          </div>
        </div>
      )}

      {drillOperator && data ? (
        <Drilldown
          operator={drillOperator}
          channelFilter={filters.channel}
          channels={channels}
          refreshSeconds={data.refreshSeconds}
          onClose={closeDrilldown}
        />
      ) : null}
    </main>
  );
}
