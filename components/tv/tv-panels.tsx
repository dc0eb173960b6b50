'use client';

import { useTranslations } from 'next-intl';
import { AGE_BUCKETS } from '@/lib/load/ages';
import type { AgeBucketTotal, ChannelLoad, TeamLoad, UserLoad, WaitingResponse } from '@/lib/load/types';
import { AGE_COLORS } from '@/components/charts/palette';
import { teamUtilisation } from '@/components/load/capacity';
import { useLabels } from '@/components/load/labels';
import { useFitCount } from './use-fit-count';

// The wall display's panels: plain HTML bars sized in rem, so they are as crisp on a 4K screen as on
// a laptop and cost nothing to redraw on every poll.

export function TvOperatorBars({ rows, top }: { rows: UserLoad[]; top: number }) {
  const t = useTranslations('tv');
  const { operatorName, count } = useLabels();
  const busy = rows.filter((row) => row.openChats > 0);
  // As many of the busiest as the panel holds now; the rest go into the "+ N more" line.
  const fit = useFitCount<HTMLElement>(top, busy.length);
  const shown = busy.slice(0, fit.count);
  const rest = busy.slice(fit.count);
  const max = Math.max(1, ...shown.map((row) => row.openChats));
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-operators" ref={fit.ref}>
      <h2 id="tv-operators">{t('operatorsPanel')}</h2>
      <ol className="tv-bars">
        {shown.map((row) => (
          <li key={row.userId} className="tv-bar-row" data-testid={`tv-operator-${row.userId}`}>
            <span className="tv-bar-label" title={operatorName(row)}>
              {operatorName(row)}
            </span>
            <span className="tv-bar-track">
              <span className="tv-bar" style={{ width: `${(row.openChats / max) * 100}%` }}>
                {/* Every segment is always there, empty ones at width 0: the page keeps the same
                    elements from poll to poll and only their sizes change. */}
                {row.buckets.map((count, index) => (
                  <span key={AGE_BUCKETS[index]!.key} style={{ flexGrow: count, flexBasis: 0, background: AGE_COLORS[AGE_BUCKETS[index]!.key] }} />
                ))}
              </span>
            </span>
            <span className="tv-bar-value" data-testid={`tv-operator-open-${row.userId}`}>
              {count(row.openChats)}
            </span>
          </li>
        ))}
      </ol>
      {rest.length > 0 ? <p className="tv-more">{t('more', { count: rest.length, chats: rest.reduce((sum, row) => sum + row.openChats, 0) })}</p> : null}
      {busy.length === 0 ? <p className="tv-empty">{t('noOpenChats')}</p> : null}
    </section>
  );
}

export function TvChannelBars({ rows }: { rows: ChannelLoad[] }) {
  const t = useTranslations('tv');
  const { channelName, channelProblem, channelType, count } = useLabels();
  const max = Math.max(1, ...rows.map((row) => row.openChats));
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-channels">
      <h2 id="tv-channels">{t('channelsPanel')}</h2>
      <ol className="tv-bars tv-channels">
        {rows.slice(0, 6).map((row) => {
          const problem = channelProblem(row.state);
          return (
            <li key={row.apiId} className={problem ? 'tv-bar-row tv-channel-problem' : 'tv-bar-row'} data-testid={`tv-channel-${row.apiId}`}>
              <span className="tv-channel-label">
                <span className="tv-bar-label" title={channelName(row)}>
                  {channelName(row)}
                </span>
                <small className={problem ? 'tv-channel-flag' : undefined}>{problem ? `⚠ ${problem.toLocaleUpperCase()}` : channelType(row.type)}</small>
              </span>
              <span className="tv-bar-track">
                <span className="tv-bar tv-bar-plain" style={{ width: `${(row.openChats / max) * 100}%` }} />
              </span>
              <span className="tv-bar-value" data-testid={`tv-channel-open-${row.apiId}`}>
                {count(row.openChats)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function TvAgeBars({ buckets }: { buckets: AgeBucketTotal[] }) {
  const t = useTranslations('tv');
  const labels = useLabels();
  const max = Math.max(1, ...buckets.map((bucket) => bucket.openChats));
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-ages">
      <h2 id="tv-ages">{t('agesPanel')}</h2>
      <ol className="tv-columns">
        {buckets.map((bucket) => (
          <li key={bucket.key} data-testid={`tv-age-${bucket.key}`}>
            <span className="tv-column-value">{labels.count(bucket.openChats)}</span>
            <span className="tv-column-track">
              <span className="tv-column" style={{ height: `${(bucket.openChats / max) * 100}%`, background: AGE_COLORS[bucket.key] }} />
            </span>
            <span className="tv-column-label">{labels.bucket(bucket.key)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TvWaitingList({ waiting, limit }: { waiting: WaitingResponse | undefined; limit: number }) {
  const t = useTranslations('tv');
  const labels = useLabels();
  const fit = useFitCount<HTMLElement>(limit, waiting?.chats.length ?? 0);
  const chats = waiting?.chats.slice(0, fit.count) ?? [];
  // The threshold the server applied: the URL's, or the settings' critical wait.
  const thresholdSeconds = waiting?.thresholdSeconds ?? null;
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-waiting" ref={fit.ref}>
      <h2 id="tv-waiting">{t('waitingPanel')}</h2>
      <ol className="tv-waiting">
        {chats.map((chat) => (
          <li
            key={chat.chatId}
            className={thresholdSeconds !== null && chat.ageSeconds !== null && chat.ageSeconds >= thresholdSeconds ? 'tv-late' : undefined}
            data-testid="tv-waiting-row"
          >
            <span className="tv-waiting-age">{labels.age(chat.ageSeconds)}</span>
            <span className="tv-waiting-who" title={chat.operatorName ?? undefined}>
              {labels.operatorName({ userId: chat.userId, name: chat.operatorName })}
              {chat.chatName ? <small> · {chat.chatName}</small> : null}
            </span>
            <span className="tv-waiting-channel">{labels.channelName({ apiId: chat.apiId, name: chat.channelName })}</span>
          </li>
        ))}
      </ol>
      {waiting && chats.length === 0 ? <p className="tv-empty">{t('nobodyWaiting')}</p> : null}
    </section>
  );
}

/**
 * Each team's open chats against what its available operators can take: a bar with the capacity
 * marked on it, and over capacity in capitals with an icon, readable without colour. The team the
 * display is set to (`current`) is named first-class among the others, not alone: support sees sales.
 */
export function TvTeamBars({ teams, current }: { teams: TeamLoad[]; current: string | null }) {
  const t = useTranslations('teams.tv');
  const labels = useLabels();
  const fit = useFitCount<HTMLElement>(teams.length, teams.length);
  const shown = teams.slice(0, fit.count);
  const rest = teams.length - shown.length;
  // One scale for every team, so the bars compare; it reaches the highest capacity too.
  const max = Math.max(1, ...teams.map((team) => Math.max(team.openChats, team.capacity ?? 0)));
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-teams" ref={fit.ref} data-testid="tv-teams">
      <h2 id="tv-teams">{t('panel')}</h2>
      <ol className="tv-bars tv-teams">
        {shown.map((team) => {
          const use = teamUtilisation(team);
          const over = use.kind === 'noCapacity' || (use.kind === 'ratio' && use.over);
          const classes = ['tv-bar-row', over ? 'tv-team-over' : '', team.teamId === current ? 'tv-team-current' : ''].filter(Boolean).join(' ');
          return (
            <li key={team.teamId} className={classes} data-testid={`tv-team-${team.teamId}`} aria-current={team.teamId === current ? 'true' : undefined}>
              <span className="tv-bar-label tv-team-name" title={team.name}>
                {team.name}
              </span>
              <span className="tv-bar-track tv-team-track">
                <span className="tv-bar tv-bar-plain" style={{ width: `${(team.openChats / max) * 100}%` }} />
                {team.capacity !== null ? <span className="tv-capacity-mark" style={{ left: `${(team.capacity / max) * 100}%` }} aria-hidden="true" /> : null}
              </span>
              <span className="tv-bar-value tv-team-value">
                <span data-testid={`tv-team-open-${team.teamId}`}>{labels.count(team.openChats)}</span>
                <small>{team.capacity === null ? ` · ${t('noLimit')}` : ` / ${labels.count(team.capacity)}`}</small>
              </span>
              {/* A line of its own under the bar: it may run long (in Russian) and must be read whole. */}
              <span className="tv-team-status">
                {over ? (
                  <span className="tv-team-flag">
                    <span aria-hidden="true">▲ </span>
                    {t('overCapacity')}
                  </span>
                ) : (
                  t('available', { available: labels.count(team.availableOperators), operators: labels.count(team.operators) })
                )}
                {team.overCriticalChats > 0 ? (
                  <span className="tv-team-critical" data-testid={`tv-team-critical-${team.teamId}`}>
                    {' · '}
                    {t('pastCritical', { count: team.overCriticalChats })}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      {rest > 0 ? <p className="tv-more">{t('more', { count: rest })}</p> : null}
    </section>
  );
}
