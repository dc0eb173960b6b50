'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ChartBarTeamChats } from '@/components/charts/chart-bar-team-chats';
import { ChartBarTeamOverCapacity } from '@/components/charts/chart-bar-team-over-capacity';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { teamAnalyticsUrl, useTeamAnalyticsQuery } from '@/components/queries/use-team-analytics-query';
import { analyticsRange, dateIn, type AnalyticsPeriod } from './analytics-range';

const QUICK_PERIODS = ['today', 'yesterday', 'week'] as const;

/**
 * How each team fared over a day or a week, from the server's minute history: peak and mean open
 * chats, minutes over capacity and the most chats past critical at once — as charts, a table and a
 * CSV file. Days run on the team's clock (`timeZone`, the server's WAMM_TIMEZONE).
 */
export function TeamAnalyticsPanel({ timeZone }: { timeZone: string }) {
  const t = useTranslations('teams.analytics');
  const labels = useLabels();
  const problems = useProblemWords();
  const locale = useLocale();
  const [period, setPeriod] = useState<AnalyticsPeriod>({ kind: 'today' });
  const analytics = useTeamAnalyticsQuery(period, timeZone);
  const today = dateIn(Date.now(), timeZone);
  // The link is made when the menu is drawn: "today" then runs up to this minute.
  const range = analyticsRange(period, Date.now(), timeZone);
  const sep = locale === 'ru' ? ';' : ',';
  const periodName =
    period.kind === 'day'
      ? new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(range.fromMs)
      : t(`periods.${period.kind}`);
  const teams = analytics.data?.teams ?? [];
  const recorded = teams.some((team) => team.minutesRecorded > 0);
  const minutes = (value: number) => (value === 0 ? labels.count(0) : labels.age(value * 60));

  return (
    <section className="panel panel-wide" aria-labelledby="team-analytics-title" data-testid="team-analytics">
      <div className="panel-header">
        <h2 id="team-analytics-title">{t('title', { period: periodName })}</h2>
        <div className="analytics-controls">
          <div className="segmented" role="group" aria-label={t('period')}>
            {QUICK_PERIODS.map((kind) => (
              <button key={kind} type="button" className="button" aria-pressed={period.kind === kind} onClick={() => setPeriod({ kind })}>
                {t(`periods.${kind}`)}
              </button>
            ))}
          </div>
          <label className="analytics-day">
            <span>{t('day')}</span>
            <input
              type="date"
              className="input"
              max={today}
              value={period.kind === 'day' ? period.date : ''}
              data-testid="team-analytics-day"
              onChange={(event) => {
                const date = event.target.value;
                if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date <= today) setPeriod({ kind: 'day', date });
              }}
            />
          </label>
          <a className="button" href={teamAnalyticsUrl(range, { sep })} download data-testid="team-analytics-csv">
            {t('download')}
          </a>
        </div>
      </div>
      {analytics.isError && !analytics.data ? (
        <p className="banner banner-error" role="alert">
          {t('failed', { reason: problems.request(analytics.error) })}
        </p>
      ) : null}
      {analytics.data && !recorded ? <p className="empty">{t('empty')}</p> : null}
      {recorded ? (
        <>
          <div className="trend-charts">
            <div>
              <h3>{t('chatsTitle')}</h3>
              <ChartBarTeamChats teams={teams} label={t('chatsLabel', { period: periodName })} />
            </div>
            <div>
              <h3>{t('minutesOverCapacity')}</h3>
              <ChartBarTeamOverCapacity teams={teams} label={t('overCapacityLabel', { period: periodName })} />
            </div>
          </div>
          <div className="table-scroll">
            <table className="data-table compact" data-testid="team-analytics-table">
              <caption className="visually-hidden">{t('caption', { period: periodName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('team')}</th>
                  <th scope="col" className="numeric">
                    {t('peak')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('mean')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('minutesOverCapacity')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('maxPastCritical')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('recorded')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {teams.map((team) => (
                  <tr key={team.teamId} data-testid={`team-analytics-${team.teamId}`}>
                    <th scope="row">{team.name}</th>
                    <td className="numeric">{team.peakOpenChats === null ? '—' : labels.count(team.peakOpenChats)}</td>
                    <td className="numeric">{team.meanOpenChats === null ? '—' : labels.count(Math.round(team.meanOpenChats * 10) / 10)}</td>
                    <td className="numeric">{minutes(team.minutesOverCapacity)}</td>
                    <td className="numeric">{team.maxOverCriticalChats === null ? '—' : labels.count(team.maxOverCriticalChats)}</td>
                    <td className="numeric">{t('coverage', { recorded: labels.count(team.minutesRecorded), minutes: labels.count(analytics.data?.minutes ?? 0) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p className="muted small">{t('note', { zone: timeZone })}</p>
    </section>
  );
}
