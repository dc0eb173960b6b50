'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { LoadFilters } from '@/lib/load/aggregate';
import type { HistoryScope } from '@/lib/snapshots/types';
import { ChartLineHistory } from '@/components/charts/chart-line-history';
import { CHANNEL_COLOR, CHANNEL_PROBLEM_COLOR } from '@/components/charts/palette';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { useHistoryQuery } from '@/components/queries/use-history-query';

const RANGES = [8, 24, 168] as const;
type RangeHours = (typeof RANGES)[number];

/**
 * The scope of a view's trend: an operator's when one is chosen, else a channel's, else everyone's;
 * a team filter narrows each of them to the team (the server knows who is in it).
 */
export function trendScope(filters: LoadFilters): { by: HistoryScope; id: string | null; team: string | null } {
  if (filters.user) return { by: 'operator', id: filters.user, team: filters.team };
  if (filters.channel) return { by: 'channel', id: filters.channel, team: filters.team };
  return { by: 'total', id: null, team: filters.team };
}

/** Open chats and the oldest wait over the last 8 h, 24 h or 7 days, from the server's minute history. */
export function TrendsPanel({ filters, scopeName }: { filters: LoadFilters; scopeName: string }) {
  const t = useTranslations('trends');
  const labels = useLabels();
  const problems = useProblemWords();
  const [range, setRange] = useState<RangeHours>(8);
  const scope = trendScope(filters);
  const history = useHistoryQuery(scope.by, scope.id, range, scope.team);
  const points = history.data?.series[0]?.points ?? [];
  const recorded = points.filter((point) => point.samples > 0);
  const formatTime = (ms: number) => (range > 24 ? `${labels.clock(ms).replace(/:\d\d$/, '')}` : labels.time(ms, false));
  const open = points.map((point) => ({ atMs: Date.parse(point.at), value: point.openChats }));
  const oldest = points.map((point) => ({ atMs: Date.parse(point.at), value: point.oldestAgeSeconds === null ? null : point.oldestAgeSeconds / 60 }));

  return (
    <section className="panel panel-wide" aria-labelledby="trends-title" data-testid="trends">
      <div className="panel-header">
        <h2 id="trends-title">{t('title', { scope: scopeName })}</h2>
        <div className="segmented" role="group" aria-label={t('range')}>
          {RANGES.map((hours) => (
            <button key={hours} type="button" className="button" aria-pressed={range === hours} onClick={() => setRange(hours)}>
              {t(`ranges.h${hours}`)}
            </button>
          ))}
        </div>
      </div>
      {history.isError && !history.data ? (
        <p className="banner banner-error" role="alert">
          {t('failed', { reason: problems.request(history.error) })}
        </p>
      ) : null}
      {history.data && recorded.length === 0 ? <p className="empty">{t('empty')}</p> : null}
      {recorded.length > 0 ? (
        <>
          <div className="trend-charts">
            <div>
              <h3>{t('openChats')}</h3>
              <ChartLineHistory
                points={open}
                label={t('openChatsLabel', { scope: scopeName })}
                seriesName={t('openChats')}
                color={CHANNEL_COLOR}
                formatTime={formatTime}
                formatValue={(value) => labels.count(Math.round(value * 10) / 10)}
              />
            </div>
            <div>
              <h3>{t('oldest')}</h3>
              <ChartLineHistory
                points={oldest}
                label={t('oldestLabel', { scope: scopeName })}
                seriesName={t('oldest')}
                color={CHANNEL_PROBLEM_COLOR}
                formatTime={formatTime}
                formatValue={(minutes) => labels.age(minutes * 60)}
              />
            </div>
          </div>
          <details className="as-table">
            <summary>{t('asTable')}</summary>
            <div className="table-scroll">
              <table className="data-table compact" data-testid="trends-table">
                <thead>
                  <tr>
                    <th scope="col">{t('time')}</th>
                    <th scope="col" className="numeric">
                      {t('openChats')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('oldest')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {recorded.map((point) => (
                    <tr key={point.at}>
                      <th scope="row">{labels.clock(point.at)}</th>
                      <td className="numeric">{point.openChats === null ? '—' : labels.count(point.openChats)}</td>
                      <td className="numeric">{labels.age(point.oldestAgeSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p className="muted small">{t('note', { minutes: (history.data?.stepSeconds ?? 60) / 60 })}</p>
        </>
      ) : null}
    </section>
  );
}
