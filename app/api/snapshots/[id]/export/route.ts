import { exportResponse } from '@/lib/api/export-response';
import { guarded } from '@/lib/api/guard';
import { parseQuery, snapshotExportQuerySchema } from '@/lib/api/query';
import { snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { snapshotExportInput } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id}/export?format=csv|xlsx|json&rows=chats|operators&sep=,|; – a snapshot as a file
export const GET = guarded<SnapshotRouteContext>('view', async ({ request, runtime, context }) => {
  const query = parseQuery(snapshotExportQuerySchema, request.url);
  const snapshot = await snapshotOrThrow(runtime, context);
  return exportResponse(snapshotExportInput(snapshot), query);
});
