import 'server-only';
import { buildExport } from '@/lib/export';
import type { ExportInput } from '@/lib/export/types';

/** A file download: the name says what and when, and it is never cached (it holds customers' data). */
export async function exportResponse(
  input: ExportInput,
  query: { format: 'csv' | 'xlsx' | 'json'; rows: 'chats' | 'operators'; sep: ',' | ';' },
): Promise<Response> {
  const file = await buildExport(input, query);
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
