import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { clientAddress } from '@/lib/auth/access';

export const dynamic = 'force-dynamic';

// DELETE /api/sessions/{id} – ends a session: its browser is signed out at its next request
export const DELETE = guarded<{ params: Promise<{ id: string }> }>('manage', async ({ request, runtime, actor, context }) => {
  const { id } = await context.params;
  const record = /^[A-Za-z0-9_-]{22}$/.test(id) ? await runtime.sessions.get(id) : null;
  if (!record || !(await runtime.sessions.end(id))) throw ApiError.notFound('There is no open session with this id.');
  await runtime.audit.record('session_ended', actor, `${record.account} (${record.role})`, clientAddress(request.headers));
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
