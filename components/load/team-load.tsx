'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { AlertNotify } from '@/components/alerts/alert-notify';
import { AlertStrip } from '@/components/alerts/alert-strip';
import { useCanManage } from '@/components/auth/session-context';
import { ExportMenu } from '@/components/exports/export-menu';
import { useAlertsQuery } from '@/components/queries/use-alerts-query';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { SaveSnapshot } from '@/components/snapshots/save-snapshot';
import { PageHeader } from '@/components/ui/page-header';
import { Drilldown } from './drilldown';
import { FilterBar } from './filter-bar';
import { NO_FILTERS, useUrlFilters } from './filters';
import { useLabels } from './labels';
import { LoadPanels } from './load-panels';
import { LoadSkeleton } from './skeleton';
import { StatusBanner } from './status-banner';
import { UpdatedAgo } from './updated-ago';

// The trends sit below the fold and bring a chart type of their own: their code loads after the page.
const TrendsPanel = dynamic(() => import('@/components/trends/trends-panel').then((module) => module.TrendsPanel), { ssr: false });
// Team analytics too, and only once a manager has defined teams.
const TeamAnalyticsPanel = dynamic(() => import('@/components/trends/team-analytics-panel').then((module) => module.TeamAnalyticsPanel), { ssr: false });

/** The supervisor's view: the team's open chats, live, filtered by the URL. `timeZone` is the team's (WAMM_TIMEZONE). */
export function TeamLoad({ timeZone }: { timeZone: string }) {
  const t = useTranslations('teamLoad');
  const tNav = useTranslations('nav');
  const [filters, setFilters] = useUrlFilters();
  const view = useLoadQuery(filters);
  // The unfiltered data set names every operator and channel for the filters and the drill-down;
  // with no filter it is the same query as the view.
  const everything = useLoadQuery(NO_FILTERS);
  const [drillUserId, setDrillUserId] = useState<string | null>(null);
  const closeDrilldown = useCallback(() => setDrillUserId(null), []);
  const labels = useLabels();
  const canManage = useCanManage();
  const capture = useRef<HTMLDivElement>(null);
  const alerts = useAlertsQuery(everything.data?.refreshSeconds, everything.data?.nextRefreshAt);

  const data = view.data;
  const operators = everything.data?.byUser ?? data?.byUser ?? [];
  const channels = everything.data?.byChannel ?? data?.byChannel ?? [];
  // Every response lists every team whatever its filters.
  const teams = data?.byTeam ?? everything.data?.byTeam ?? [];
  const selectTeam = useCallback((team: string | null) => setFilters({ team }), [setFilters]);
  const drillOperator = drillUserId ? (operators.find((row) => row.userId === drillUserId) ?? { userId: drillUserId, name: null }) : null;
  const scopeName = filters.user
    ? labels.operatorName(operators.find((row) => row.userId === filters.user) ?? { userId: filters.user, name: null })
    : filters.channel
      ? labels.channelName(channels.find((row) => row.apiId === filters.channel), filters.channel)
      : filters.team
        ? (teams.find((row) => row.teamId === filters.team)?.name ?? filters.team)
        : t('wholeTeam');

  return (
    <main className="page">
      <PageHeader
        title={t('title')}
        badges={
          data?.demo ? (
            <span className="badge badge-demo" data-testid="demo-badge" title={t('demoHint')}>
              {t('demo')}
            </span>
          ) : null
        }
        status={data ? <UpdatedAgo asOf={data.asOf} refreshSeconds={data.refreshSeconds} /> : null}
        links={[
          { href: '/snapshots', label: tNav('snapshots') },
          { href: '/tv/setup', label: tNav('wallDisplay') },
          ...(canManage ? [{ href: '/rebalance', label: tNav('rebalance') }] : []),
        ]}
      />

      <div className="toolbar">
        <FilterBar filters={filters} operators={operators} channels={channels} teams={teams} onChange={setFilters} />
        <div className="toolbar-actions" data-no-capture>
          <AlertNotify active={alerts.data?.active} />
          {canManage ? <SaveSnapshot filters={filters} disabled={!data} /> : null}
          <ExportMenu exportPath="/api/export" filters={filters} capture={capture} asOf={data?.asOf ?? null} pictureName="charts" />
        </div>
      </div>
      <StatusBanner data={data} error={view.error} />
      <AlertStrip alerts={alerts.data?.active} />

      {!data ? (
        view.isError ? (
          <p className="empty" role="status">
            {t('noNumbers')}
          </p>
        ) : (
          <LoadSkeleton />
        )
      ) : (
        <div className={view.isPlaceholderData ? 'content content-updating' : 'content'} ref={capture}>
          <p className="print-only print-title">{t('printTitle', { time: labels.clock(data.asOf) })}</p>
          <LoadPanels data={data} selected={drillUserId} onSelect={setDrillUserId} team={filters.team} onSelectTeam={selectTeam} />
          <div className="grid">
            <TrendsPanel filters={filters} scopeName={scopeName} />
            {teams.length > 0 ? <TeamAnalyticsPanel timeZone={timeZone} /> : null}
          </div>
        </div>
      )}

      {drillOperator && data ? (
        <Drilldown
          operator={drillOperator}
          channelFilter={filters.channel}
          teamFilter={filters.team}
          channels={channels}
          refreshSeconds={data.refreshSeconds}
          reassignTo={canManage ? operators : undefined}
          onClose={closeDrilldown}
        />
      ) : null}
    </main>
  );
}
