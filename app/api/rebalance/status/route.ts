import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { autoRunBody, type RebalanceStatusResponse } from '@/lib/rebalance/responses';

export const dynamic = 'force-dynamic';

// GET /api/rebalance/status – automatic rebalancing's mode and its last run (what it suggested or moved)
export const GET = guarded('manage', async ({ runtime }) => {
  const { balancing } = runtime.settings.current().settings;
  const body: RebalanceStatusResponse = { mode: balancing.mode, intervalMinutes: balancing.intervalMinutes, lastRun: autoRunBody(runtime.rebalance.lastAutomaticRun()) };
  return json(body);
});
