import { dataRoute } from '@/lib/api/data-route';
import { loadQuerySchema } from '@/lib/api/query';
import { buildLoadResponse } from '@/lib/load/responses';

export const dynamic = 'force-dynamic';

// GET /api/load – open chats per operator, channel and team, against capacity and by last-message age; ?channel= ?user= ?team= filter
export const GET = dataRoute('display', loadQuerySchema, ({ runtime, view, filters }) =>
  runtime.responses.get(view, 'load', filters, () => buildLoadResponse(view, filters, runtime.context)),
);
