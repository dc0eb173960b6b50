import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { clientAddress } from '@/lib/auth/access';

export const dynamic = 'force-dynamic';

// DELETE /api/display-keys/{id} – revokes a key: its display blanks to "key revoked" at its next poll
export const DELETE = guarded<{ params: Promise<{ id: string }> }>('manage', async ({ request, runtime, actor, context }) => {
  const { id } = await context.params;
  const record = await runtime.displayKeys.revoke(id);
  if (!record) throw ApiError.notFound('There is no active display key with this id.');
  await runtime.audit.record('display_key_revoked', actor, record.label, clientAddress(request.headers));
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
