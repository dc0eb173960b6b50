import { exportResponse } from '@/lib/api/export-response';
import { parseQuery, snapshotExportQuerySchema } from '@/lib/api/query';
import { handle } from '@/lib/api/respond';
import { snapshotOrThrow, type SnapshotRouteContext } from '@/lib/api/snapshot-route';
import { exportInputOf } from '@/lib/snapshots/responses';

export const dynamic = 'force-dynamic';

// GET /api/snapshots/{id}/export?format=csv|xlsx|json&rows=chats|operators&sep=,|; – a snapshot as a file
export async function GET(request: Request, context: SnapshotRouteContext): Promise<Response> {
  return handle(async () => {
    const query = parseQuery(snapshotExportQuerySchema, request.url);
    const { snapshot } = await snapshotOrThrow(context);
    const input = exportInputOf(snapshot.view, snapshot.data.filters, {
      timezone: snapshot.data.timezone,
      label: snapshot.record.label,
      snapshotId: snapshot.record.id,
    });
    return exportResponse(input, query);
  });
}
