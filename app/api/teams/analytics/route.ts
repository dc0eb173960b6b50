import { guarded } from '@/lib/api/guard';
import { parseQuery, teamAnalyticsQuerySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { tableCsv } from '@/lib/export/csv';
import { teamAnalyticsTable } from '@/lib/export/tables';
import { exportText } from '@/lib/export/text';
import { teamAnalytics } from '@/lib/history/team-analytics';
import type { TeamAnalyticsResponse } from '@/lib/snapshots/types';

export const dynamic = 'force-dynamic';

const MINUTE_MS = 60_000;

// GET /api/teams/analytics?from=&to=&format=json|csv – per team over a day or a week: peak and mean open
// chats, minutes over capacity, the most chats past critical at once
export const GET = guarded('view', async ({ request, runtime }) => {
  const query = parseQuery(teamAnalyticsQuerySchema, request.url);
  const { teams } = runtime.settings.current().settings;
  const range = { fromMs: query.fromMs, toMs: query.toMs, stepMs: MINUTE_MS };
  const [load, capacity, critical] = await Promise.all(
    (['team', 'team_capacity', 'team_critical'] as const).map((scope) => runtime.history.trend({ scope, scopeId: null, ...range })),
  );
  const byId = (series: typeof load) => new Map(series!.map((entry) => [entry.scopeId, entry]));
  const [loads, capacities, criticals] = [byId(load), byId(capacity), byId(critical)];
  const body: TeamAnalyticsResponse = {
    from: new Date(query.fromMs).toISOString(),
    to: new Date(query.toMs).toISOString(),
    minutes: Math.round((query.toMs - query.fromMs) / MINUTE_MS),
    teams: teams.map((team) => teamAnalytics(team, loads.get(team.id), capacities.get(team.id), criticals.get(team.id))),
  };
  if (query.format === 'json') return json(body);
  const day = body.from.slice(0, 16).replace(/:/g, '');
  return new Response(tableCsv(teamAnalyticsTable(body.teams, exportText()), query.sep, runtime.config.wammTimezone, exportText()), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="chatload-${day}-teams.csv"`,
      'cache-control': 'no-store',
    },
  });
});
