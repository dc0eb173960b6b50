import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import type { AlertChannelsResponse } from '@/lib/alerts/responses';

export const dynamic = 'force-dynamic';

// GET /api/alerts/channels – each channel: configured or not, from the environment or the settings, its target without secrets
export const GET = guarded('manage', async ({ runtime }) => {
  const body: AlertChannelsResponse = { channels: runtime.alerts.channels() };
  return json(body);
});
