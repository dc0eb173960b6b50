import { guarded } from '@/lib/api/guard';
import { auditQuerySchema, parseQuery } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { auditEntryBody, type AuditResponse } from '@/lib/auth/responses';

export const dynamic = 'force-dynamic';

// GET /api/audit?limit=200 – sign-ins, snapshots saved and deleted, display keys, sessions ended: who, when, what
export const GET = guarded('manage', async ({ request, runtime }) => {
  const query = parseQuery(auditQuerySchema, request.url);
  const body: AuditResponse = { entries: (await runtime.audit.list(query.limit)).map(auditEntryBody) };
  return json(body);
});
