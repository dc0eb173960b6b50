import { guarded } from '@/lib/api/guard';
import { movesQuerySchema, parseQuery } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { moveLogBody, type MovesResponse } from '@/lib/rebalance/responses';

export const dynamic = 'force-dynamic';

// GET /api/rebalance/moves?limit=200 – the moves log, newest first: by hand and automatic, with their results
export const GET = guarded('manage', async ({ request, runtime }) => {
  const query = parseQuery(movesQuerySchema, request.url);
  const body: MovesResponse = { moves: (await runtime.rebalance.list(query.limit)).map(moveLogBody) };
  return json(body);
});
