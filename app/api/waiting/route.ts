import { dataRoute } from '@/lib/api/data-route';
import { waitingQuerySchema } from '@/lib/api/query';
import { buildWaitingResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/waiting – the longest-waiting chats and how many wait past ?threshold= seconds; no customer
// names unless ?names=1, and never for a display key's session
export const GET = dataRoute('display', waitingQuerySchema, ({ runtime, view, actor, query: { limit, threshold, names: asked, ...filters } }) => {
  const names = asked && actor.role !== 'display';
  return runtime.responses.get(view, `waiting:${limit}:${threshold}:${names ? 1 : 0}`, filters, () =>
    buildWaitingResponse(view, filters, { limit, thresholdSeconds: threshold, names }),
  );
});
