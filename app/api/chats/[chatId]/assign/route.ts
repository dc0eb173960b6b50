import { parseJsonBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { assignBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { moveResultBody } from '@/lib/rebalance/responses';

export const dynamic = 'force-dynamic';

// POST /api/chats/{chatId}/assign – gives one chat to an operator, or to nobody: {toUserId: id | null}
export const POST = guarded<{ params: Promise<{ chatId: string }> }>('manage', async ({ request, runtime, actor, context }) => {
  const { chatId } = await context.params;
  if (!/^[\w.@+-]{1,64}$/.test(chatId)) throw ApiError.badRequest('chatId must be a chat id (chat_id)');
  const body = await parseJsonBody(assignBodySchema, request);
  const [result] = await runtime.rebalance.apply([{ chatId, toOperatorId: body.toUserId }], {
    actor: runtime.config.auth.disabled ? null : actor.name,
    trigger: 'manual',
    address: clientAddress(request.headers),
  });
  return json(moveResultBody(result!));
});
