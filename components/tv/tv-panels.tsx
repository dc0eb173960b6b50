import { useTranslations } from 'next-intl';
import { AGE_BUCKETS } from '@/lib/load/ages';
import type { AgeBucketTotal, ChannelLoad, UserLoad, WaitingResponse } from '@/lib/load/types';
import { AGE_COLORS } from '@/components/charts/palette';
import { useLabels } from '@/components/load/labels';

// The wall display's panels: plain HTML bars sized in rem, so they are as crisp on a 4K screen as on
// a laptop and cost nothing to redraw on every poll.

export function TvOperatorBars({ rows, top }: { rows: UserLoad[]; top: number }) {
  const t = useTranslations('tv');
  const { operatorName, count } = useLabels();
  const busy = rows.filter((row) => row.openChats > 0);
  const shown = busy.slice(0, top);
  const rest = busy.slice(top);
  const max = Math.max(1, ...shown.map((row) => row.openChats));
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-operators">
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

export function TvWaitingList({ waiting, limit, thresholdSeconds }: { waiting: WaitingResponse | undefined; limit: number; thresholdSeconds: number }) {
  const t = useTranslations('tv');
  const labels = useLabels();
  const chats = waiting?.chats.slice(0, limit) ?? [];
  return (
    <section className="tv-panel" data-fit aria-labelledby="tv-waiting">
      <h2 id="tv-waiting">{t('waitingPanel')}</h2>
      <ol className="tv-waiting">
        {chats.map((chat) => (
          <li key={chat.chatId} className={chat.ageSeconds !== null && chat.ageSeconds >= thresholdSeconds ? 'tv-late' : undefined} data-testid="tv-waiting-row">
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
