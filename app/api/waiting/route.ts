import { parseQuery, waitingQuerySchema } from '@/lib/api/query';
import { handle, json } from '@/lib/api/respond';
import { buildWaitingResponse } from '@/lib/load/responses';
import { getRuntime, readDataOrThrow } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/waiting – the longest-waiting chats and how many wait past ?threshold= seconds; no customer names unless ?names=1
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { limit, threshold, names, ...filters } = parseQuery(waitingQuerySchema, request.url);
    const runtime = await getRuntime();
    const view = await readDataOrThrow(runtime);
    const kind = `waiting:${limit}:${threshold}:${names ? 1 : 0}`;
    return json(
      runtime.responses.get(view, kind, filters, () => buildWaitingResponse(view, filters, { limit, thresholdSeconds: threshold, names })),
    );
  });
}
