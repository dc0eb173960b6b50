import { dataRoute } from '@/lib/api/data-route';
import { loadQuerySchema } from '@/lib/api/query';
import { buildLoadResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/load – open chats per operator, per channel and by last-message age; ?channel= ?user= filter
export const GET = dataRoute('display', loadQuerySchema, ({ runtime, view, query }) =>
  runtime.responses.get(view, 'load', query, () => buildLoadResponse(view, query, runtime.context)),
);
