'use client';

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChannelLoad } from '@/lib/load/types';
import { channelName, channelProblem } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, nameTick, useAnimateOnce } from './chart-frame';
import { CHANNEL_COLOR, CHANNEL_PROBLEM_COLOR } from './palette';

const CHANNEL_TICK = nameTick(22);

/** Open chats per channel; a channel that is not authorized is drawn in the warning colour. */
export function ChartBarChannelLoad({ rows }: { rows: ChannelLoad[] }) {
  const animate = useAnimateOnce();
  const data = rows.map((row) => ({
    apiId: row.apiId,
    name: channelProblem(row.state) ? `⚠ ${channelName(row)}` : channelName(row),
    openChats: row.openChats,
    problem: channelProblem(row.state) !== null,
  }));
  return (
    <ChartFrame height={Math.max(120, data.length * 34 + 40)} label={`Open chats per channel, ${rows.length} channels`}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="name" width={170} interval={0} tick={CHANNEL_TICK} />
        <Tooltip {...TOOLTIP_STYLE} />
        <Bar dataKey="openChats" name="Open chats" isAnimationActive={animate}>
          {data.map((row) => (
            <Cell key={row.apiId} fill={row.problem ? CHANNEL_PROBLEM_COLOR : CHANNEL_COLOR} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
