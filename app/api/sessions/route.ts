import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { AccessControl } from '@/lib/auth/access';
import { sessionBody, type SessionListResponse } from '@/lib/auth/responses';

export const dynamic = 'force-dynamic';

// GET /api/sessions – every open session (people and wall displays), newest first; "current" marks this browser's
export const GET = guarded('manage', async ({ request, runtime }) => {
  const current = runtime.sessions.idOf(AccessControl.cookieIn(request.headers));
  const body: SessionListResponse = { sessions: (await runtime.sessions.listOpen()).map((record) => sessionBody(record, current)) };
  return json(body);
});
