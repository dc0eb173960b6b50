import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { moveResultBody } from '@/lib/rebalance/responses';

export const dynamic = 'force-dynamic';

// POST /api/rebalance/moves/{id}/undo – moves the chat back where it came from, if nothing changed since
export const POST = guarded<{ params: Promise<{ id: string }> }>('manage', async ({ request, runtime, actor, context }) => {
  const { id } = await context.params;
  const result = /^[A-Za-z0-9_-]{22}$/.test(id)
    ? await runtime.rebalance.undo(id, { actor: runtime.config.auth.disabled ? null : actor.name, address: clientAddress(request.headers) })
    : null;
  if (!result) throw ApiError.notFound('There is no move with this id in the moves log.');
  return json(moveResultBody(result));
});
