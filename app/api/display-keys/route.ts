import { parseJsonBody } from '@/lib/api/body';
import { guarded } from '@/lib/api/guard';
import { displayKeyBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { displayKeyBody } from '@/lib/auth/responses';

export const dynamic = 'force-dynamic';

// GET /api/display-keys – every display key, revoked ones too (never the keys themselves)
export const GET = guarded('manage', async ({ runtime }) => json({ keys: (await runtime.displayKeys.list()).map(displayKeyBody) }));

// POST /api/display-keys – a new key {label, ipAllowlist?}; the key is in this answer and nowhere else
export const POST = guarded('manage', async ({ request, runtime, actor }) => {
  const body = await parseJsonBody(displayKeyBodySchema, request);
  const { record, key } = await runtime.displayKeys.create({ label: body.label, ipAllowlist: body.ipAllowlist, createdBy: actor.name });
  await runtime.audit.record('display_key_created', actor, record.label, clientAddress(request.headers));
  return json({ ...displayKeyBody(record), key, url: `/tv?key=${key}` }, 201);
});
