import { parseQuery, loadQuerySchema } from '@/lib/api/query';
import { handle, json } from '@/lib/api/respond';
import { buildChatsResponse } from '@/lib/load/responses';
import { getRuntime, readDataOrThrow } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/chats – the open chats behind the numbers, oldest first; ?channel= ?user= filter
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const filters = parseQuery(loadQuerySchema, request.url);
    const runtime = await getRuntime();
    const view = await readDataOrThrow(runtime);
    return json(runtime.responses.get(view, 'chats', filters, () => buildChatsResponse(view, filters, runtime.context)));
  });
}
