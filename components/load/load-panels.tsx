'use client';

import { useTranslations } from 'next-intl';
import type { LoadResponse } from '@/lib/load/types';
import { ChartBarOperatorLoad } from '@/components/charts/chart-bar-operator-load';
import { AgePanel } from './age-panel';
import { anyCapacity } from './capacity';
import { ChannelPanel } from './channel-panel';
import { HeadlineNumbers } from './headline-numbers';
import { OperatorTable } from './operator-table';
import { TeamPanel } from './team-panel';

interface Props {
  data: LoadResponse;
  selected: string | null;
  onSelect: (userId: string) => void;
  /** The team the live page is filtered to, and how to change it; a snapshot has neither. */
  team?: string | null;
  onSelectTeam?: (teamId: string | null) => void;
}

/** The numbers of one view — live or a snapshot — as headline, teams, charts and the operator table. */
export function LoadPanels({ data, selected, onSelect, team = null, onSelectTeam }: Props) {
  const t = useTranslations('teamLoad');
  // Until a manager defines teams there is no team panel at all, not an empty one.
  const teams = data.byTeam;
  const showCapacity = anyCapacity(data.byUser) || data.totals.overCapacityOperators > 0;
  return (
    <>
      <HeadlineNumbers totals={data.totals} showCapacity={showCapacity} />
      <div className="grid">
        {teams.length > 0 ? <TeamPanel teams={teams} selected={team} onSelect={onSelectTeam} /> : null}
        <section className="panel panel-wide" aria-labelledby="operators-chart-title">
          <h2 id="operators-chart-title">{t('operatorsChart')}</h2>
          <ChartBarOperatorLoad rows={data.byUser.filter((row) => row.openChats > 0)} onSelect={onSelect} />
        </section>
        <ChannelPanel rows={data.byChannel} />
        <AgePanel buckets={data.ageBuckets} />
        <section className="panel panel-wide" aria-labelledby="operators-table-title">
          <h2 id="operators-table-title">{t('operatorsTable')}</h2>
          <OperatorTable rows={data.byUser} onSelect={onSelect} selected={selected} asOf={data.asOf} />
        </section>
      </div>
    </>
  );
}
