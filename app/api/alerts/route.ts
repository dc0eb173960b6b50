import { guarded } from '@/lib/api/guard';
import { requestedLocale } from '@/lib/api/request-locale';
import { json } from '@/lib/api/respond';
import { activeAlertBody, type AlertsResponse } from '@/lib/alerts/responses';

export const dynamic = 'force-dynamic';

// GET /api/alerts – the alerts pending or firing now, oldest first, worded in the requester's language
export const GET = guarded('display', async ({ request, runtime }) => {
  const active = await runtime.alerts.active(requestedLocale(request) ?? undefined);
  const body: AlertsResponse = { active: active.map(activeAlertBody) };
  return json(body);
});
