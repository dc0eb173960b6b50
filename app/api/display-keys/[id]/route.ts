import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';

export const dynamic = 'force-dynamic';

// DELETE /api/display-keys/{id} – revokes a key: its display blanks to "key revoked" at its next poll
export const DELETE = guarded<{ params: Promise<{ id: string }> }>('manage', async ({ request, runtime, actor, context }) => {
  const { id } = await context.params;
  const record = runtime.storage.getDisplayKey(id);
  if (!record || !runtime.storage.revokeDisplayKey(id, runtime.auth.now())) throw ApiError.notFound('There is no active display key with this id.');
  runtime.auth.audit('display_key_revoked', actor, record.label, request.headers);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
