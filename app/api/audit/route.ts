import { guarded } from '@/lib/api/guard';
import { auditQuerySchema, parseQuery } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import type { AuditResponse } from '@/lib/auth/responses';

export const dynamic = 'force-dynamic';

// GET /api/audit?limit=200 – sign-ins, snapshots saved and deleted, display keys: who, when, what
export const GET = guarded('manage', async ({ request, runtime }) => {
  const query = parseQuery(auditQuerySchema, request.url);
  const body: AuditResponse = {
    entries: runtime.storage.listAudit({ limit: query.limit }).map(({ atMs, ...entry }) => ({ at: new Date(atMs).toISOString(), ...entry })),
  };
  return json(body);
});
