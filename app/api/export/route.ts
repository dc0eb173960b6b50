import { exportResponse } from '@/lib/api/export-response';
import { guarded } from '@/lib/api/guard';
import { exportQuerySchema, parseQuery } from '@/lib/api/query';
import { checkedFilters } from '@/lib/api/filters';
import { readDataOrThrow } from '@/lib/api/live-data';
import { exportInputOf } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/export?format=csv|xlsx|json&rows=chats|operators&sep=,|;&channel=&user=&team= – the live data as a file
export const GET = guarded('view', async ({ request, runtime }) => {
  const query = parseQuery(exportQuerySchema, request.url);
  const view = await readDataOrThrow(runtime);
  const input = exportInputOf(view, checkedFilters(query, view.data.rules.teams), { timezone: runtime.config.wammTimezone, label: null, snapshotId: null });
  return exportResponse(input, query);
});
