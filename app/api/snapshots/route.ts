import { parseJsonBody } from '@/lib/api/body';
import { guarded } from '@/lib/api/guard';
import { parseQuery, snapshotBodySchema, snapshotListQuerySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { checkedFilters } from '@/lib/api/filters';
import { readDataOrThrow } from '@/lib/api/live-data';
import { snapshotSummaryBody } from '@/lib/snapshots/responses';
import type { SnapshotListResponse } from '@/lib/snapshots/types';

export const dynamic = 'force-dynamic';

// GET /api/snapshots – saved snapshots, newest first (?limit=, default 200)
export const GET = guarded('view', async ({ request, runtime }) => {
  const query = parseQuery(snapshotListQuerySchema, request.url);
  const body: SnapshotListResponse = { snapshots: (await runtime.snapshots.list(query.limit)).map(snapshotSummaryBody) };
  return json(body);
});

// POST /api/snapshots – freezes the current data under the given filters; body {label?, channel?, user?, team?, showPhones?}
export const POST = guarded('manage', async ({ request, runtime, actor }) => {
  const body = await parseJsonBody(snapshotBodySchema, request);
  const view = await readDataOrThrow(runtime);
  const saved = await runtime.snapshots.save(
    view,
    checkedFilters(body, view.data.rules.teams),
    { label: body.label, savedBy: runtime.config.auth.disabled ? null : actor.name, trigger: 'manual', phonesShown: body.showPhones },
  );
  await runtime.audit.record('snapshot_saved', actor, saved.id, clientAddress(request.headers));
  const summary = snapshotSummaryBody(saved);
  return json(summary, 201, { location: `/api/snapshots/${summary.id}` });
});
