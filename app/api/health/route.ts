import { publicRoute } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { buildHealthResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/health – ok | degraded | down (503), with the upstream's last success and error and whether
// the database answers; public, for monitoring: it holds no customer or operator data
export const GET = publicRoute(async ({ runtime }) => {
  const body = buildHealthResponse(await runtime.store.read(), runtime.context, runtime.storageHealth(), runtime.clusterHealth());
  return json(body, body.status === 'down' ? 503 : 200);
});
