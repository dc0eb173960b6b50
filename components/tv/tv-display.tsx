'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabels, type Labels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { useNow } from '@/components/load/use-now';
import type { LoadResponse } from '@/lib/load/types';
import { ApiRequestError } from '@/components/queries/fetch-json';
import { useAlertsQuery } from '@/components/queries/use-alerts-query';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { useWaitingQuery } from '@/components/queries/use-waiting-query';
import { TvAlertStrip, TvSoundHint, alertsForDisplay, useTvChime } from './tv-alerts';
import { TvClock } from './tv-clock';
import { isDimmed, tvPages, type TvConfig } from './tv-config';
import { TvAgeBars, TvChannelBars, TvOperatorBars, TvTeamBars, TvWaitingList } from './tv-panels';
import { useBuildWatch } from './use-build-watch';

// Rows that fit a panel; fewer screens' worth of panels get larger text, not just more rows.
const ROWS_PER_PANEL = { 4: 7, 2: 11, 1: 9 } as const;

/** The wall display: runs by itself for weeks, says plainly when what it shows is old. */
export function TvDisplay({ config }: { config: TvConfig }) {
  const t = useTranslations('tv');
  const labels = useLabels();
  const problems = useProblemWords();
  const stamp = (time: string | number) => labels.time(time, true);
  const filters = useMemo(() => ({ channel: config.channel, user: config.user, team: config.team }), [config.channel, config.user, config.team]);
  const load = useLoadQuery(filters, config.pollMs);
  const refreshSeconds = load.data?.refreshSeconds;
  // Without a threshold in the URL the server applies the settings' critical wait and names it.
  const thresholdSeconds = config.thresholdMinutes === null ? null : config.thresholdMinutes * 60;
  const rows = ROWS_PER_PANEL[config.perPage];
  const waitingOptions = useMemo(() => ({ limit: rows, thresholdSeconds, names: config.names }), [rows, thresholdSeconds, config.names]);
  const waiting = useWaitingQuery(filters, waitingOptions, refreshSeconds, config.pollMs, load.data?.nextRefreshAt);
  const alertsQuery = useAlertsQuery(refreshSeconds, load.data?.nextRefreshAt, config.pollMs);
  const alerts = useMemo(() => alertsForDisplay(alertsQuery.data?.active, config.team), [alertsQuery.data, config.team]);
  const sound = useTvChime(config.sound, alertsQuery.data ? alerts : undefined);
  const pollMs = config.pollMs ?? (refreshSeconds ?? 15) * 1000;
  useBuildWatch(Math.min(60_000, Math.max(5_000, 4 * pollMs)));

  // When the connection was lost: the first failure after the last success.
  const failingSince = useRef<number | null>(null);
  if (load.isError && failingSince.current === null) failingSince.current = load.errorUpdatedAt || Date.now();
  if (!load.isError) failingSince.current = null;

  const pages = tvPages(config);
  const [pageIndex, setPageIndex] = useState(0);
  useEffect(() => {
    if (pages.length < 2) return;
    const timer = setInterval(() => setPageIndex((index) => (index + 1) % pages.length), config.rotateSeconds * 1000);
    return () => clearInterval(timer);
  }, [pages.length, config.rotateSeconds]);
  const page = pages[pageIndex % pages.length] ?? [];

  const minuteNow = useNow(30_000);
  const localMinute = new Date(minuteNow).getHours() * 60 + new Date(minuteNow).getMinutes();
  const dimmed = isDimmed(config.dim, localMinute);

  const data = load.data;
  // A revoked key or an ended session: nothing more will come, so say what to do, across the room.
  const refused = load.error instanceof ApiRequestError && load.error.status === 401 ? load.error.code : null;
  if (refused) {
    return (
      <div className="tv" data-theme={config.theme} data-testid="tv" data-state="refused">
        <div className="tv-refused" role="alert" data-testid="tv-refused">
          <strong>{refused === 'display_revoked' ? t('revoked') : t('signedOut')}</strong>
          <span>{refused === 'display_revoked' ? t('revokedHint') : t('signedOutHint')}</span>
        </div>
      </div>
    );
  }
  const lostConnection = load.isError && data !== undefined;
  const old = lostConnection || data?.stale === true;
  const title = viewTitle(t('title'), config, data, labels);

  return (
    <div className={`tv${dimmed ? ' tv-dimmed' : ''}`} data-theme={config.theme} data-testid="tv" data-state={old ? 'old' : data ? 'live' : 'waiting'}>
      <div className="tv-shift">
        <header className="tv-header">
          <div className="tv-title">
            <span className="tv-name">{title}</span>
            {data?.demo ? <span className="tv-demo">{t('demo')}</span> : null}
            {sound.blocked ? <TvSoundHint onClick={sound.unblock} /> : null}
          </div>
          <div className="tv-time">
            <TvClock />
            <div className="tv-asof" data-testid="tv-asof">
              {data ? t('asOf', { time: stamp(data.asOf) }) : t('waiting')}
            </div>
          </div>
        </header>

        {old && data ? (
          <div className="tv-old" role="alert" data-testid="tv-old" data-fit>
            {t('oldData', {
              time: stamp(data.asOf),
              reason: lostConnection
                ? t('noConnectionSince', { time: stamp(failingSince.current ?? Date.now()) })
                : data.upstreamError
                  ? t('notAnsweringBecause', { reason: problems.upstream(data.upstreamError) })
                  : t('notAnswering'),
            })}
          </div>
        ) : null}
        <TvAlertStrip alerts={alerts} />
        {!data && load.isError ? (
          <div className="tv-old" role="alert" data-testid="tv-old">
            {t('noDataYet', { reason: problems.request(load.error) })}
          </div>
        ) : null}

        <main className={old ? 'tv-body tv-greyed' : 'tv-body'}>
          {config.panels.includes('headline') ? (
            <section className="tv-headline" data-fit aria-label={t('headline')}>
              <div>
                <b data-testid="tv-open-chats">{data ? labels.count(data.totals.openChats) : '—'}</b>
                <span>{t('openChats')}</span>
              </div>
              <div>
                <b data-testid="tv-oldest">{data ? labels.age(data.totals.oldestAgeSeconds) : '—'}</b>
                <span>{t('oldestWait')}</span>
              </div>
              <div className={waiting.data && waiting.data.overThreshold > 0 ? 'tv-alert' : undefined}>
                <b data-testid="tv-over-threshold">{waiting.data ? labels.count(waiting.data.overThreshold) : '—'}</b>
                <span>{t('waitingOver', { age: waiting.data ? labels.age(waiting.data.thresholdSeconds) : thresholdSeconds === null ? '…' : labels.age(thresholdSeconds) })}</span>
              </div>
              <div>
                <b data-testid="tv-operators">{data ? labels.count(data.totals.operators) : '—'}</b>
                <span>{t('operators')}</span>
              </div>
            </section>
          ) : null}

          <div className={`tv-grid tv-grid-${config.perPage}`}>
            {data
              ? page.map((panel) => {
                  switch (panel) {
                    case 'teams':
                      // No teams in the settings: no empty panel either.
                      return data.byTeam.length > 0 ? <TvTeamBars key={panel} teams={data.byTeam} current={config.team} /> : null;
                    case 'operators':
                      return <TvOperatorBars key={panel} rows={data.byUser} top={rows} />;
                    case 'channels':
                      return <TvChannelBars key={panel} rows={data.byChannel} />;
                    case 'ages':
                      return <TvAgeBars key={panel} buckets={data.ageBuckets} />;
                    case 'waiting':
                      return <TvWaitingList key={panel} waiting={waiting.data} limit={rows} />;
                    default:
                      return null;
                  }
                })
              : null}
          </div>
          {pages.length > 1 ? (
            <div className="tv-pages" aria-hidden="true">
              {pages.map((_, index) => (
                <span key={index} className={index === pageIndex % pages.length ? 'tv-page-dot tv-page-current' : 'tv-page-dot'} />
              ))}
            </div>
          ) : null}
        </main>
      </div>
    </div>
  );
}

function viewTitle(
  title: string,
  config: TvConfig,
  data: Pick<LoadResponse, 'byUser' | 'byChannel' | 'byTeam'> | undefined,
  labels: Labels,
): string {
  if (!data) return title;
  const parts = [title];
  if (config.team) parts.push(data.byTeam.find((row) => row.teamId === config.team)?.name ?? config.team);
  if (config.channel) parts.push(labels.channelName(data.byChannel.find((row) => row.apiId === config.channel), config.channel));
  if (config.user) parts.push(labels.operatorName(data.byUser.find((row) => row.userId === config.user) ?? { userId: config.user, name: null }));
  return parts.join(' · ');
}
