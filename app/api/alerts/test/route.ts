import { parseJsonBody } from '@/lib/api/body';
import { guarded } from '@/lib/api/guard';
import { alertTestBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import type { AlertTestResponse } from '@/lib/alerts/responses';

export const dynamic = 'force-dynamic';

// POST /api/alerts/test – sends a test message on one channel now: {channel: webhook|telegram|email}
export const POST = guarded('manage', async ({ request, runtime, actor }) => {
  const { channel } = await parseJsonBody(alertTestBodySchema, request);
  const outcome = await runtime.alerts.test(channel, { name: runtime.config.auth.disabled ? null : actor.name, role: actor.role }, clientAddress(request.headers));
  const body: AlertTestResponse = { channel, ...outcome };
  return json(body);
});
