'use client';

import { useTranslations } from 'next-intl';
import { useUrlFilters } from '@/components/load/filters';
import { useProblemWords } from '@/components/load/problem-words';
import { PageHeader } from '@/components/ui/page-header';
import { AutoStatus } from './auto-status';
import { MovesLog } from './moves-log';
import { PlanPanel } from './plan-panel';
import { useRebalanceData } from './use-rebalance-data';

// The manager's Rebalance page: a plan for all teams or one (?team= in the URL), applied by hand;
// automatic rebalancing's state with its kill switch; and the moves log with undo.

export function RebalancePage() {
  const t = useTranslations('rebalance');
  const tNav = useTranslations('nav');
  const problems = useProblemWords();
  const [filters, setFilters] = useUrlFilters();
  const { data, error } = useRebalanceData();
  const team = filters.team;
  return (
    <main className="page">
      <PageHeader
        title={t('title')}
        links={[{ href: '/', label: tNav('live') }]}
      />
      <p className="muted rb-intro">{t('intro')}</p>
      {error && data.rows.length === 0 ? (
        <p className="banner banner-error" role="alert">
          {t('dataFailed', { reason: problems.request(error) })}
        </p>
      ) : null}
      <div className="toolbar">
        <label className="rb-team-pick">
          {t('teamPick')}{' '}
          <select data-testid="rebalance-team" value={team ?? ''} onChange={(event) => setFilters({ team: event.target.value || null })}>
            <option value="">{t('allTeams')}</option>
            {data.teams.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="stack">
        {/* A new team starts a new plan: the old one was for other chats. */}
        <PlanPanel key={team ?? ''} team={team} data={data} />
        <AutoStatus />
        <MovesLog data={data} />
      </div>
    </main>
  );
}
