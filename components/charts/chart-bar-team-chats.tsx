'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from 'recharts';
import type { TeamAnalyticsBody } from '@/lib/snapshots/types';
import { useLabels } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, nameTick, useAnimateOnce } from './chart-frame';
import { TEAM_CRITICAL_COLOR, TEAM_MEAN_COLOR, TEAM_PEAK_COLOR } from './palette';

const TEAM_TICK = nameTick(20);
const ROW_HEIGHT = 54;
/** The legend in the order of the bars, not recharts' alphabetical one. */
const SERIES_ORDER = ['peak', 'mean', 'critical'];

/** Per team over a period: the peak and the mean of its open chats, and the most chats past critical at once. */
export function ChartBarTeamChats({ teams, label }: { teams: TeamAnalyticsBody[]; label: string }) {
  const t = useTranslations('teams.analytics');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const data = teams.map((team) => ({
    teamId: team.teamId,
    peak: team.peakOpenChats ?? 0,
    mean: team.meanOpenChats === null ? 0 : Math.round(team.meanOpenChats * 10) / 10,
    critical: team.maxOverCriticalChats ?? 0,
  }));
  // Teams are told apart by id (names may repeat); the axis shows the name.
  const names = new Map(teams.map((team) => [team.teamId, team.name]));
  const TeamTick = (props: YAxisTickContentProps) => TEAM_TICK({ ...props, payload: { ...props.payload, value: names.get(String(props.payload.value)) ?? '' } });
  return (
    <ChartFrame height={Math.max(140, data.length * ROW_HEIGHT + 60)} label={label}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={1}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} />
        <YAxis type="category" dataKey="teamId" width={150} interval={0} tick={TeamTick} />
        <Tooltip {...TOOLTIP_STYLE} labelFormatter={(teamId) => names.get(String(teamId)) ?? ''} formatter={(value) => labels.count(Number(value))} />
        <Legend
          verticalAlign="top"
          height={28}
          iconType="square"
          wrapperStyle={{ fontSize: 12 }}
          itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
          formatter={(value: string) => <span className="legend-text">{value}</span>}
        />
        <Bar dataKey="peak" name={t('peak')} fill={TEAM_PEAK_COLOR} isAnimationActive={animate} />
        <Bar dataKey="mean" name={t('mean')} fill={TEAM_MEAN_COLOR} isAnimationActive={animate} />
        <Bar dataKey="critical" name={t('maxPastCritical')} fill={TEAM_CRITICAL_COLOR} isAnimationActive={animate} />
      </BarChart>
    </ChartFrame>
  );
}
