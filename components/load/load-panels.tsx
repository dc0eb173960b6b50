'use client';

import { useTranslations } from 'next-intl';
import type { LoadResponse } from '@/lib/load/types';
import { ChartBarOperatorLoad } from '@/components/charts/chart-bar-operator-load';
import { AgePanel } from './age-panel';
import { ChannelPanel } from './channel-panel';
import { HeadlineNumbers } from './headline-numbers';
import { OperatorTable } from './operator-table';

/** The numbers of one view — live or a snapshot — as headline, charts and the operator table. */
export function LoadPanels({ data, selected, onSelect }: { data: LoadResponse; selected: string | null; onSelect: (userId: string) => void }) {
  const t = useTranslations('teamLoad');
  return (
    <>
      <HeadlineNumbers totals={data.totals} />
      <div className="grid">
        <section className="panel panel-wide" aria-labelledby="operators-chart-title">
          <h2 id="operators-chart-title">{t('operatorsChart')}</h2>
          <ChartBarOperatorLoad rows={data.byUser.filter((row) => row.openChats > 0)} onSelect={onSelect} />
        </section>
        <ChannelPanel rows={data.byChannel} />
        <AgePanel buckets={data.ageBuckets} />
        <section className="panel panel-wide" aria-labelledby="operators-table-title">
          <h2 id="operators-table-title">{t('operatorsTable')}</h2>
          <OperatorTable rows={data.byUser} onSelect={onSelect} selected={selected} />
        </section>
      </div>
    </>
  );
}
