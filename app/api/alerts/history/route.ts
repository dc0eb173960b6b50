import { guarded } from '@/lib/api/guard';
import { alertHistoryQuerySchema, parseQuery } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { alertEventBody, type AlertHistoryResponse } from '@/lib/alerts/responses';

export const dynamic = 'force-dynamic';

// GET /api/alerts/history?limit=200 – what fired, newest first: when, for how long, delivered where, what failed
export const GET = guarded('manage', async ({ request, runtime }) => {
  const query = parseQuery(alertHistoryQuerySchema, request.url);
  const body: AlertHistoryResponse = { events: (await runtime.alerts.history(query.limit)).map(alertEventBody) };
  return json(body);
});
