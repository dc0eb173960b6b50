import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { SNAPSHOT_GONE, snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { snapshotResponse } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id} – one snapshot: its facts and its numbers, in /api/load's shape
export const GET = guarded<SnapshotRouteContext>('view', async ({ runtime, context }) => {
  const snapshot = await snapshotOrThrow(runtime, context);
  return json(snapshotResponse(snapshot, runtime.context));
});

// DELETE /api/snapshots/{id} – 204, or 404 when there is no such snapshot
export const DELETE = guarded<SnapshotRouteContext>('manage', async ({ request, runtime, actor, context }) => {
  const { id } = await context.params;
  if (!(await runtime.snapshots.delete(id))) throw ApiError.notFound(SNAPSHOT_GONE);
  await runtime.audit.record('snapshot_deleted', actor, id, clientAddress(request.headers));
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
