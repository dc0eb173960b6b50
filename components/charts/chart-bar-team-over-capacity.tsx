'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from 'recharts';
import type { TeamAnalyticsBody } from '@/lib/snapshots/types';
import { useLabels } from '@/components/load/labels';
import { ChartFrame, TOOLTIP_STYLE, VALUE_TICK, nameTick, useAnimateOnce } from './chart-frame';
import { TEAM_OVER_CAPACITY_COLOR } from './palette';

const TEAM_TICK = nameTick(20);
const ROW_HEIGHT = 30;

/** Per team over a period: how long its open chats were more than its available operators could take. */
export function ChartBarTeamOverCapacity({ teams, label }: { teams: TeamAnalyticsBody[]; label: string }) {
  const t = useTranslations('teams.analytics');
  const labels = useLabels();
  const animate = useAnimateOnce();
  const data = teams.map((team) => ({ teamId: team.teamId, minutes: team.minutesOverCapacity }));
  const names = new Map(teams.map((team) => [team.teamId, team.name]));
  const TeamTick = (props: YAxisTickContentProps) => TEAM_TICK({ ...props, payload: { ...props.payload, value: names.get(String(props.payload.value)) ?? '' } });
  // Whole minutes as a duration ("45 min", "3 h 05 min"); none at all is just 0.
  const duration = (minutes: number) => (minutes === 0 ? labels.count(0) : labels.age(minutes * 60));
  return (
    <ChartFrame height={Math.max(110, data.length * ROW_HEIGHT + 40)} label={label}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" className="chart-grid" />
        <XAxis type="number" allowDecimals={false} tick={VALUE_TICK} tickFormatter={duration} />
        <YAxis type="category" dataKey="teamId" width={150} interval={0} tick={TeamTick} />
        <Tooltip {...TOOLTIP_STYLE} labelFormatter={(teamId) => names.get(String(teamId)) ?? ''} formatter={(value) => [duration(Number(value)), t('minutesOverCapacity')]} />
        <Bar dataKey="minutes" name={t('minutesOverCapacity')} fill={TEAM_OVER_CAPACITY_COLOR} isAnimationActive={animate} />
      </BarChart>
    </ChartFrame>
  );
}
