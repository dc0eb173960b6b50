import { dataRoute } from '@/lib/api/data-route';
import { loadQuerySchema } from '@/lib/api/query';
import { buildChatsResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/chats – the open chats behind the numbers, oldest first; ?channel= ?user= ?team= filter
export const GET = dataRoute('view', loadQuerySchema, ({ runtime, view, filters }) =>
  runtime.responses.get(view, 'chats', filters, () => buildChatsResponse(view, filters, runtime.context)),
);
