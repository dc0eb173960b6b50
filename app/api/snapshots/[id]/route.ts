import { handle, json } from '@/lib/api/respond';
import { snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { snapshotResponse } from '@/lib/snapshots/responses';
import { ApiError } from '@/lib/api/errors';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id} – one snapshot: its facts and its numbers, in /api/load's shape
export async function GET(_request: Request, context: SnapshotRouteContext): Promise<Response> {
  return handle(async () => {
    const { runtime, snapshot } = await snapshotOrThrow(context);
    return json(snapshotResponse(snapshot, runtime.context));
  });
}

// DELETE /api/snapshots/{id} – 204, or 404 when there is no such snapshot
export async function DELETE(_request: Request, context: SnapshotRouteContext): Promise<Response> {
  return handle(async () => {
    const { id } = await context.params;
    const runtime = await getRuntime();
    if (!runtime.snapshots.delete(id)) throw ApiError.notFound('There is no snapshot with this id: it was deleted, or the link is incomplete.');
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  });
}
