import { parseJsonBody } from '@/lib/api/body';
import { parseQuery, snapshotBodySchema, snapshotListQuerySchema } from '@/lib/api/query';
import { handle, json } from '@/lib/api/respond';
import { getRuntime, readDataOrThrow } from '@/lib/runtime';
import { snapshotSummaryBody } from '@/lib/snapshots/responses';
import type { SnapshotListResponse } from '@/lib/snapshots/types';

export const dynamic = 'force-dynamic';

// GET /api/snapshots – saved snapshots, newest first (?limit=, default 200)
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = parseQuery(snapshotListQuerySchema, request.url);
    const runtime = await getRuntime();
    const body: SnapshotListResponse = { snapshots: runtime.snapshots.list(query.limit).map(snapshotSummaryBody) };
    return json(body);
  });
}

// POST /api/snapshots – freezes the current data under the given filters; body {label?, channel?, user?}
export async function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseJsonBody(snapshotBodySchema, request);
    const runtime = await getRuntime();
    const view = await readDataOrThrow(runtime);
    const saved = runtime.snapshots.save(view, { channel: body.channel, user: body.user }, { label: body.label, savedBy: null, trigger: 'manual' });
    const summary = snapshotSummaryBody(saved);
    return json(summary, 201, { location: `/api/snapshots/${summary.id}` });
  });
}
