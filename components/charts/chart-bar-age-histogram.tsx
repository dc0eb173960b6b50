'use client';

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgeBucketTotal } from '@/lib/load/types';
import { ChartFrame, TOOLTIP_STYLE, TwoLineTick, VALUE_TICK, useAnimateOnce } from './chart-frame';
import { AGE_COLORS } from './palette';

/** How many open chats have waited how long since their last message. */
export function ChartBarAgeHistogram({ buckets }: { buckets: AgeBucketTotal[] }) {
  const animate = useAnimateOnce();
  return (
    <ChartFrame height={220} label="Open chats by time since the last message">
      <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 4, left: -12 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis dataKey="label" tick={TwoLineTick} interval={0} height={38} />
        <YAxis allowDecimals={false} tick={VALUE_TICK} />
        <Tooltip {...TOOLTIP_STYLE} />
        <Bar dataKey="openChats" name="Open chats" isAnimationActive={animate}>
          {buckets.map((bucket) => (
            <Cell key={bucket.key} fill={AGE_COLORS[bucket.key]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
