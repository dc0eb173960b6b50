import { historyQuerySchema, parseQuery } from '@/lib/api/query';
import { checkedFilters } from '@/lib/api/filters';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { fillGaps, stepFor } from '@/lib/history/query';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { HistoryResponse } from '@/lib/snapshots/types';
import type { HistoryScope } from '@/lib/storage/types';

export const dynamic = 'force-dynamic';

// GET /api/history?from=&to=&by=total|operator|channel|team&id=&team= – open chats and oldest age over time;
// with ?team= the team's own series (by=total), or only its operators or channels
export const GET = guarded('view', async ({ request, runtime }) => {
  const query = parseQuery(historyQuerySchema, request.url);
  const { teams } = runtime.settings.current().settings;
  checkedFilters({ channel: null, user: null, team: query.team }, teams);
  const team = teams.find((candidate) => candidate.id === query.team) ?? null;
  const stepMs = stepFor(query.toMs - query.fromMs);
  // A team's total is its own series; by operator or channel, the team narrows which series come back.
  const scope: HistoryScope = query.by === 'total' && team ? 'team' : query.by;
  const scopeId = scope === 'total' ? null : scope === 'team' && team && query.by === 'total' ? team.id : query.id;
  let series = await runtime.history.trend({ scope, scopeId, fromMs: query.fromMs, toMs: query.toMs, stepMs });
  if (team && scope === 'operator') series = series.filter((entry) => entry.scopeId === UNASSIGNED_ROW_ID || team.operatorIds.includes(entry.scopeId));
  if (team && scope === 'channel') series = series.filter((entry) => team.channelIds.includes(entry.scopeId));
  const body: HistoryResponse = {
    from: new Date(query.fromMs).toISOString(),
    to: new Date(query.toMs).toISOString(),
    by: query.by,
    stepSeconds: stepMs / 1000,
    series: series.map((entry) => ({
      id: entry.scopeId,
      // Every step of the range; a step without a sample (the server was down, or wamm.chat did
      // not answer) is null, so a chart breaks its line there instead of bridging the gap.
      points: fillGaps(entry, query.fromMs, query.toMs, stepMs).map((point) => ({
        at: new Date(point.atMs).toISOString(),
        openChats: point.openChats,
        openChatsMax: point.openChatsMax,
        oldestAgeSeconds: point.oldestAgeSeconds,
        samples: point.samples,
      })),
    })),
  };
  return json(body);
});
