'use client';

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, useAnimateOnce } from './chart-frame';

export interface HistoryChartPoint {
  atMs: number;
  value: number | null;
}

interface Props {
  points: HistoryChartPoint[];
  label: string;
  seriesName: string;
  color: string;
  formatTime: (ms: number) => string;
  formatValue: (value: number) => string;
}

/** One measure over time; the line breaks where nothing was recorded. */
export function ChartLineHistory({ points, label, seriesName, color, formatTime, formatValue }: Props) {
  const animate = useAnimateOnce();
  // A line needs two neighbouring points: while few are recorded, each is drawn as a dot as well.
  const recorded = points.filter((point) => point.value !== null).length;
  return (
    <ChartFrame height={180} label={label}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis dataKey="atMs" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={formatTime} tick={VALUE_TICK} minTickGap={40} />
        <YAxis allowDecimals={false} tick={VALUE_TICK} tickFormatter={formatValue} width={78} />
        <Tooltip {...TOOLTIP_STYLE} labelFormatter={(value) => formatTime(Number(value))} formatter={(value) => [formatValue(Number(value)), seriesName]} />
        <Line type="monotone" dataKey="value" name={seriesName} stroke={color} strokeWidth={2} dot={recorded <= 30 ? { r: 2.5, fill: color } : false} connectNulls={false} isAnimationActive={animate} />
      </LineChart>
    </ChartFrame>
  );
}
