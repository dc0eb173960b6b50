import { handle, json } from '@/lib/api/respond';
import { buildHealthResponse } from '@/lib/load/responses';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/health – ok | degraded | down (503), with the upstream's last success and error
export async function GET(): Promise<Response> {
  return handle(async () => {
    const runtime = await getRuntime();
    const body = buildHealthResponse(await runtime.store.read(), runtime.context);
    return json(body, body.status === 'down' ? 503 : 200);
  });
}
