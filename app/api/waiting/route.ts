import { dataRoute } from '@/lib/api/data-route';
import { waitingQuerySchema } from '@/lib/api/query';
import { buildWaitingResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/waiting – the longest-waiting chats and how many wait past ?threshold= seconds; no customer names unless ?names=1
export const GET = dataRoute(waitingQuerySchema, ({ runtime, view, query: { limit, threshold, names, ...filters } }) =>
  runtime.responses.get(view, `waiting:${limit}:${threshold}:${names ? 1 : 0}`, filters, () =>
    buildWaitingResponse(view, filters, { limit, thresholdSeconds: threshold, names }),
  ),
);
