import { parseJsonBody } from '@/lib/api/body';
import { checkedFilters } from '@/lib/api/filters';
import { guarded } from '@/lib/api/guard';
import { rebalancePlanBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

// POST /api/rebalance/plan – what would move now, from whom to whom and why, and what cannot: {team?}
export const POST = guarded('manage', async ({ request, runtime }) => {
  const body = await parseJsonBody(rebalancePlanBodySchema, request);
  checkedFilters({ channel: null, user: null, team: body.team }, runtime.settings.current().settings.teams);
  return json(await runtime.rebalance.plan(body.team));
});
