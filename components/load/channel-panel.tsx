import type { ChannelLoad } from '@/lib/load/types';
import { ChartBarChannelLoad } from '@/components/charts/chart-bar-channel-load';
import { channelName, channelProblem, channelType, formatCount } from './labels';

export function ChannelPanel({ rows }: { rows: ChannelLoad[] }) {
  return (
    <section className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">Open chats per channel</h2>
      <ChartBarChannelLoad rows={rows} />
      <ul className="channel-list">
        {rows.map((row) => {
          const problem = channelProblem(row.state);
          return (
            <li key={row.apiId} data-testid={`channel-row-${row.apiId}`} className={problem ? 'channel-problem' : undefined}>
              <span className="channel-name">
                {channelName(row)}
                <span className="muted"> {channelType(row.type)}</span>
              </span>
              {problem ? (
                <span className="flag" title={`wamm.chat reports this channel as ${row.state}: it cannot receive or send messages`}>
                  <span aria-hidden="true">⚠</span> not authorized
                  {problem !== 'not authorized' ? <span className="flag-state"> ({problem})</span> : null}
                </span>
              ) : null}
              <span className="channel-count" data-testid={`channel-open-${row.apiId}`}>
                {formatCount(row.openChats)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
