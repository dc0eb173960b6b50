import { loadQuerySchema, parseQuery } from '@/lib/api/query';
import { handle, json } from '@/lib/api/respond';
import { snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { snapshotChatsResponse } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id}/chats – a snapshot's chats, oldest first, within its filters; ?channel= ?user=
export async function GET(request: Request, context: SnapshotRouteContext): Promise<Response> {
  return handle(async () => {
    const query = parseQuery(loadQuerySchema, request.url);
    const { runtime, snapshot } = await snapshotOrThrow(context);
    return json(snapshotChatsResponse(snapshot, query, runtime.context));
  });
}
