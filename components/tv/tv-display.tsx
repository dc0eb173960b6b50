'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { formatAge } from '@/lib/load/ages';
import { formatCount } from '@/components/load/labels';
import { useNow } from '@/components/load/use-now';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { useWaitingQuery } from '@/components/queries/use-waiting-query';
import { TvClock, formatStamp } from './tv-clock';
import { isDimmed, tvPages, type TvConfig } from './tv-config';
import { TvAgeBars, TvChannelBars, TvOperatorBars, TvWaitingList } from './tv-panels';
import { useBuildWatch } from './use-build-watch';

// Rows that fit a panel; fewer screens' worth of panels get larger text, not just more rows.
const ROWS_PER_PANEL = { 4: 7, 2: 11, 1: 9 } as const;

/** The wall display: runs by itself for weeks, says plainly when what it shows is old. */
export function TvDisplay({ config }: { config: TvConfig }) {
  const filters = useMemo(() => ({ channel: config.channel, user: config.user }), [config.channel, config.user]);
  const load = useLoadQuery(filters, config.pollMs);
  const refreshSeconds = load.data?.refreshSeconds;
  const thresholdSeconds = config.thresholdMinutes * 60;
  const rows = ROWS_PER_PANEL[config.perPage];
  const waitingOptions = useMemo(() => ({ limit: rows, thresholdSeconds, names: config.names }), [rows, thresholdSeconds, config.names]);
  const waiting = useWaitingQuery(filters, waitingOptions, refreshSeconds, config.pollMs);
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
  const lostConnection = load.isError && data !== undefined;
  const old = lostConnection || data?.stale === true;
  const title = data ? viewTitle(config, data.byUser, data.byChannel) : 'Team load';

  return (
    <div className={`tv${dimmed ? ' tv-dimmed' : ''}`} data-theme={config.theme} data-testid="tv" data-state={old ? 'old' : data ? 'live' : 'waiting'}>
      <div className="tv-shift">
        <header className="tv-header">
          <div className="tv-title">
            <span className="tv-name">{title}</span>
            {data?.demo ? <span className="tv-demo">DEMO DATA</span> : null}
          </div>
          <div className="tv-time">
            <TvClock />
            <div className="tv-asof" data-testid="tv-asof">
              {data ? `as of ${formatStamp(data.asOf)}` : 'waiting for data'}
            </div>
          </div>
        </header>

        {old && data ? (
          <div className="tv-old" role="alert" data-testid="tv-old">
            Data as of {formatStamp(data.asOf)} —{' '}
            {lostConnection
              ? `no connection since ${formatStamp(failingSince.current ?? Date.now())}`
              : `wamm.chat not answering${data.upstreamError ? `: ${data.upstreamError.message}` : ''}`}
          </div>
        ) : null}
        {!data && load.isError ? (
          <div className="tv-old" role="alert" data-testid="tv-old">
            No data yet — {describe(load.error)}
          </div>
        ) : null}

        <main className={old ? 'tv-body tv-greyed' : 'tv-body'}>
          {config.panels.includes('headline') ? (
            <section className="tv-headline" data-fit aria-label="Headline numbers">
              <div>
                <b data-testid="tv-open-chats">{data ? formatCount(data.totals.openChats) : '—'}</b>
                <span>open chats</span>
              </div>
              <div>
                <b data-testid="tv-oldest">{data ? formatAge(data.totals.oldestAgeSeconds) : '—'}</b>
                <span>oldest wait</span>
              </div>
              <div className={waiting.data && waiting.data.overThreshold > 0 ? 'tv-alert' : undefined}>
                <b data-testid="tv-over-threshold">{waiting.data ? formatCount(waiting.data.overThreshold) : '—'}</b>
                <span>waiting over {formatAge(thresholdSeconds)}</span>
              </div>
              <div>
                <b data-testid="tv-operators">{data ? formatCount(data.totals.operators) : '—'}</b>
                <span>operators with chats</span>
              </div>
            </section>
          ) : null}

          <div className={`tv-grid tv-grid-${config.perPage}`}>
            {data
              ? page.map((panel) => {
                  switch (panel) {
                    case 'operators':
                      return <TvOperatorBars key={panel} rows={data.byUser} top={rows} />;
                    case 'channels':
                      return <TvChannelBars key={panel} rows={data.byChannel} />;
                    case 'ages':
                      return <TvAgeBars key={panel} buckets={data.ageBuckets} />;
                    case 'waiting':
                      return <TvWaitingList key={panel} waiting={waiting.data} limit={rows} thresholdSeconds={thresholdSeconds} />;
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

function describe(error: unknown): string {
  if (error instanceof OfflineError) return 'no connection to the dashboard server';
  if (error instanceof ApiRequestError) return error.message;
  return 'the dashboard server did not answer';
}

function viewTitle(config: TvConfig, users: { userId: string; name: string | null }[], channels: { apiId: string; name: string | null }[]): string {
  const parts = ['Team load'];
  if (config.channel) parts.push(channels.find((row) => row.apiId === config.channel)?.name ?? `Channel ${config.channel}`);
  if (config.user) parts.push(users.find((row) => row.userId === config.user)?.name ?? `Operator ${config.user}`);
  return parts.join(' · ');
}
