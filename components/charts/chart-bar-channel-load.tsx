'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChannelLoad } from '@/lib/load/types';
import { useLabels } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, nameTick, useAnimateOnce } from './chart-frame';
import { CHANNEL_COLOR, CHANNEL_PROBLEM_COLOR } from './palette';

const CHANNEL_TICK = nameTick(22);

/** Open chats per channel; a channel that is not authorized is drawn in the warning colour. */
export function ChartBarChannelLoad({ rows }: { rows: ChannelLoad[] }) {
  const t = useTranslations('channels');
  const tHeadline = useTranslations('headline');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const data = rows.map((row) => {
    const problem = labels.channelProblem(row.state) !== null;
    return { apiId: row.apiId, name: problem ? `⚠ ${labels.channelName(row)}` : labels.channelName(row), openChats: row.openChats, problem };
  });
  return (
    <ChartFrame height={Math.max(120, data.length * 34 + 40)} label={t('chartLabel', { count: rows.length })}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="name" width={170} interval={0} tick={CHANNEL_TICK} />
        <Tooltip {...TOOLTIP_STYLE} />
        <Bar dataKey="openChats" name={tHeadline('openChats')} isAnimationActive={animate}>
          {data.map((row) => (
            <Cell key={row.apiId} fill={row.problem ? CHANNEL_PROBLEM_COLOR : CHANNEL_COLOR} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
