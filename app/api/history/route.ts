import { historyQuerySchema, parseQuery } from '@/lib/api/query';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { fillGaps, stepFor } from '@/lib/history/query';
import type { HistoryResponse } from '@/lib/snapshots/types';

export const dynamic = 'force-dynamic';

// GET /api/history?from=&to=&by=total|operator|channel&id= – open chats and oldest age over time
export const GET = guarded('view', async ({ request, runtime }) => {
  const query = parseQuery(historyQuerySchema, request.url);
  const stepMs = stepFor(query.toMs - query.fromMs);
  const series = await runtime.history.trend({
    scope: query.by,
    scopeId: query.by === 'total' ? null : query.id,
    fromMs: query.fromMs,
    toMs: query.toMs,
    stepMs,
  });
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
