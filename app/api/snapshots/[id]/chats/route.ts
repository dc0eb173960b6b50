import { guarded } from '@/lib/api/guard';
import { loadQuerySchema, parseQuery } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { snapshotChatsResponse } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id}/chats – a snapshot's chats, oldest first, within its filters; ?channel= ?user=
export const GET = guarded<SnapshotRouteContext>('view', async ({ request, runtime, context }) => {
  const query = parseQuery(loadQuerySchema, request.url);
  const snapshot = await snapshotOrThrow(runtime, context);
  return json(snapshotChatsResponse(snapshot, query, runtime.context));
});
