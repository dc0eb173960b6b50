import { parseJsonBody } from '@/lib/api/body';
import { guarded } from '@/lib/api/guard';
import { rebalanceApplyBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { moveResultBody, type ApplyResponse } from '@/lib/rebalance/responses';
import type { MoveReason } from '@/lib/rebalance/types';

export const dynamic = 'force-dynamic';

// POST /api/rebalance/apply – moves chats in wamm.chat, each checked against fresh data first: {moves: [{chatId, toUserId}]}
export const POST = guarded('manage', async ({ request, runtime, actor }) => {
  const body = await parseJsonBody(rebalanceApplyBodySchema, request, { maxBytes: 256 * 1024 });
  const results = await runtime.rebalance.apply(
    body.moves.map((move) => ({ chatId: move.chatId, toOperatorId: move.toUserId, fromOperatorId: move.fromUserId, reason: (move.reason ?? null) as MoveReason | null })),
    { actor: runtime.config.auth.disabled ? null : actor.name, trigger: 'manual', address: clientAddress(request.headers) },
  );
  const response: ApplyResponse = { results: results.map(moveResultBody) };
  return json(response);
});
