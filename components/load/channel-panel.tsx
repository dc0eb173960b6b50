import { useTranslations } from 'next-intl';
import type { ChannelLoad } from '@/lib/load/types';
import { ChartBarChannelLoad } from '@/components/charts/chart-bar-channel-load';
import { useLabels } from './labels';

export function ChannelPanel({ rows }: { rows: ChannelLoad[] }) {
  const t = useTranslations('channels');
  const labels = useLabels();
  return (
    <section className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('title')}</h2>
      <ChartBarChannelLoad rows={rows} />
      <ul className="channel-list">
        {rows.map((row) => {
          const problem = labels.channelProblem(row.state);
          return (
            <li key={row.apiId} data-testid={`channel-row-${row.apiId}`} className={problem ? 'channel-problem' : undefined}>
              <span className="channel-name">
                {labels.channelName(row)}
                <span className="muted"> {labels.channelType(row.type)}</span>
              </span>
              {problem ? (
                <span className="flag" title={t('problem', { state: problem })}>
                  <span aria-hidden="true">⚠</span> {problem}
                </span>
              ) : null}
              <span className="channel-count" data-testid={`channel-open-${row.apiId}`}>
                {labels.count(row.openChats)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
