'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgeBucketTotal } from '@/lib/load/types';
import { useLabels } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, TwoLineTick, VALUE_TICK, useAnimateOnce } from './chart-frame';
import { AGE_COLORS } from './palette';

/** How many open chats have waited how long since their last message. */
export function ChartBarAgeHistogram({ buckets }: { buckets: AgeBucketTotal[] }) {
  const t = useTranslations('ages');
  const tHeadline = useTranslations('headline');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const data = buckets.map((bucket) => ({ key: bucket.key, label: labels.bucket(bucket.key), openChats: bucket.openChats }));
  return (
    <ChartFrame height={220} label={t('chartLabel')}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -12 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis dataKey="label" tick={TwoLineTick} interval={0} height={38} />
        <YAxis allowDecimals={false} tick={VALUE_TICK} />
        <Tooltip {...TOOLTIP_STYLE} />
        <Bar dataKey="openChats" name={tHeadline('openChats')} isAnimationActive={animate}>
          {buckets.map((bucket) => (
            <Cell key={bucket.key} fill={AGE_COLORS[bucket.key]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
