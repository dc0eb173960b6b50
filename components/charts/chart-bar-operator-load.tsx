'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, useXAxisScale, useYAxisScale, type YAxisTickContentProps } from 'recharts';
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
  openChats: number;
  /** "12" or "12 / 15", written at the end of the bar. */
  total: string;
  capacity: number | null;
  [bucket: string]: string | number | null;
}

/**
 * Open chats per operator, stacked by last-message age; heaviest first, idle operators left out.
 * An operator's capacity is a mark across their bar, and one who is over it is named with ⚠ and
 * counted in the chart's description, so it reads without telling colours apart.
 */
export function ChartBarOperatorLoad({ rows, onSelect }: { rows: UserLoad[]; onSelect?: (userId: string) => void }) {
  const t = useTranslations('operators');
  const tTeams = useTranslations('teams.operator');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const operatorName = labels.operatorName;
  const loaded = rows
    .filter((row) => row.openChats > 0)
    .sort((a, b) => b.openChats - a.openChats || compareNames(operatorName(a), operatorName(b)));
  if (loaded.length === 0) return <p className="empty">{t('empty')}</p>;
  const data: Row[] = loaded.map((row) => {
    const name = row.overCapacity ? `⚠ ${operatorName(row)}` : operatorName(row);
    const total = row.capacity === null ? labels.count(row.openChats) : `${labels.count(row.openChats)} / ${labels.count(row.capacity)}`;
    const entry: Row = { userId: row.userId, name, openChats: row.openChats, total, capacity: row.capacity };
    AGE_BUCKETS.forEach((bucket, index) => {
      entry[bucket.key] = row.buckets[index] ?? 0;
    });
    return entry;
  });
  // Operators are told apart by id: two of them may share a name. The axis shows the name.
  const names = new Map(data.map((row) => [row.userId, row.name]));
  const OperatorTick = (props: YAxisTickContentProps) => OPERATOR_TICK({ ...props, payload: { ...props.payload, value: names.get(String(props.payload.value)) ?? '' } });
  const withCapacity = data.some((row) => row.capacity !== null);
  const highestCapacity = Math.max(0, ...data.map((row) => row.capacity ?? 0));
  const over = loaded.filter((row) => row.overCapacity).length;
  const label = over > 0 ? `${t('chartLabel', { count: loaded.length })}; ${tTeams('chartOver', { count: over })}` : t('chartLabel', { count: loaded.length });
  const height = Math.max(160, data.length * ROW_HEIGHT + 70);
  return (
    <ChartFrame height={height} label={label}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: withCapacity ? 56 : 32, bottom: 4, left: 4 }} barCategoryGap={4}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        {/* The axis reaches the highest capacity too, so every capacity mark is inside the chart; the right
            margin leaves room for "12 / 15" after the longest bar. */}
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} domain={[0, (dataMax: number) => Math.max(dataMax, highestCapacity)]} />
        <YAxis type="category" dataKey="userId" width={170} interval={0} tick={OperatorTick} />
        <Tooltip {...TOOLTIP_STYLE} labelFormatter={(userId) => names.get(String(userId)) ?? ''} />
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
        <RowMarks rows={data} describe={(capacity) => tTeams('capacityMark', { capacity })} />
      </BarChart>
    </ChartFrame>
  );
}

/**
 * Drawn over the bars from the chart's own scales: a line across each bar at the operator's capacity
 * (where the bar passes it, the operator is over), and the total written after the bar's end.
 */
function RowMarks({ rows, describe }: { rows: Row[]; describe: (capacity: number) => string }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="row-marks">
      {rows.map((row) => {
        const top = y(row.userId, { position: 'start' });
        const bottom = y(row.userId, { position: 'end' });
        const end = x(row.openChats);
        const limit = row.capacity === null ? undefined : x(row.capacity);
        if (top === undefined || bottom === undefined || end === undefined) return null;
        const right = Math.max(end, limit ?? end);
        return (
          <g key={row.userId}>
            {row.capacity !== null && limit !== undefined ? (
              <g>
                {/* A light edge under the dark line keeps the mark visible on the darkest segment. */}
                <line className="capacity-mark-edge" x1={limit} x2={limit} y1={top} y2={bottom} strokeWidth={5} />
                <line className="capacity-mark" data-user={row.userId} x1={limit} x2={limit} y1={top} y2={bottom} strokeWidth={2.5}>
                  <title>{describe(row.capacity)}</title>
                </line>
              </g>
            ) : null}
            {/* The table says the same in words; the picture's text is for the eye. */}
            <text className="chart-bar-total" aria-hidden="true" x={right + 5} y={(top + bottom) / 2} dy="0.35em" fontSize={12}>
              {row.total}
            </text>
          </g>
        );
      })}
    </g>
  );
}
