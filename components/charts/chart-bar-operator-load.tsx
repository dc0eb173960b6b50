'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AGE_BUCKETS } from '@/lib/load/ages';
import { compareNames } from '@/lib/load/names-order';
import type { UserLoad } from '@/lib/load/types';
import { useLabels } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, nameTick, useAnimateOnce } from './chart-frame';
import { AGE_COLORS } from './palette';

const ROW_HEIGHT = 26;
const OPERATOR_TICK = nameTick(22);
const BUCKET_ORDER: string[] = AGE_BUCKETS.map((bucket) => bucket.key);

interface Row {
  userId: string;
  name: string;
  [bucket: string]: string | number;
}

/** Open chats per operator, stacked by last-message age; heaviest first, idle operators left out. */
export function ChartBarOperatorLoad({ rows, onSelect }: { rows: UserLoad[]; onSelect?: (userId: string) => void }) {
  const t = useTranslations('operators');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const operatorName = labels.operatorName;
  const loaded = rows
    .filter((row) => row.openChats > 0)
    .sort((a, b) => b.openChats - a.openChats || compareNames(operatorName(a), operatorName(b)));
  if (loaded.length === 0) return <p className="empty">{t('empty')}</p>;
  const data: Row[] = loaded.map((row) => {
    const entry: Row = { userId: row.userId, name: operatorName(row) };
    AGE_BUCKETS.forEach((bucket, index) => {
      entry[bucket.key] = row.buckets[index] ?? 0;
    });
    return entry;
  });
  const height = Math.max(160, data.length * ROW_HEIGHT + 70);
  return (
    <ChartFrame height={height} label={t('chartLabel', { count: loaded.length })}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barCategoryGap={4}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="name" width={170} interval={0} tick={OPERATOR_TICK} />
        <Tooltip {...TOOLTIP_STYLE} />
        <Legend
          verticalAlign="top"
          height={28}
          iconType="square"
          wrapperStyle={{ fontSize: 12 }}
          itemSorter={(item) => BUCKET_ORDER.indexOf(String(item.dataKey))}
          formatter={(value: string) => <span className="legend-text">{value}</span>}
        />
        {AGE_BUCKETS.map((bucket) => (
          <Bar
            key={bucket.key}
            dataKey={bucket.key}
            name={labels.bucket(bucket.key)}
            stackId="age"
            fill={AGE_COLORS[bucket.key]}
            isAnimationActive={animate}
            cursor={onSelect ? 'pointer' : undefined}
            onClick={onSelect ? (entry: { payload?: Row }) => entry.payload && onSelect(entry.payload.userId) : undefined}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
