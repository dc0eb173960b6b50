import { dataRoute } from '@/lib/api/data-route';
import { waitingQuerySchema } from '@/lib/api/query';
import { buildWaitingResponse } from '@/lib/load/responses';
import { criticalSeconds } from '@/lib/load/rules';

export const dynamic = 'force-dynamic';

// GET /api/waiting – the longest-waiting chats and how many wait past ?threshold= seconds (default: the
// settings' critical threshold); no customer names unless ?names=1, and never for a display key's session
export const GET = dataRoute('display', waitingQuerySchema, ({ runtime, view, actor, filters, query: { limit, threshold, names: asked } }) => {
  const names = asked && actor.role !== 'display';
  const thresholdSeconds = threshold ?? criticalSeconds(view.data.rules);
  return runtime.responses.get(view, `waiting:${limit}:${thresholdSeconds}:${names ? 1 : 0}`, filters, () =>
    buildWaitingResponse(view, filters, { limit, thresholdSeconds, names }),
  );
});
