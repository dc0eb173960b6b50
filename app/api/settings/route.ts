import { z } from 'zod';
import { parseJsonBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import { parseSettings } from '@/lib/settings/schema';

export const dynamic = 'force-dynamic';

const anyObject = z.looseObject({});

/** The revision an `If-Match: "7"` header names; undefined without one. */
function expectedRevision(request: Request): number | undefined {
  const header = request.headers.get('if-match');
  if (header === null) return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,12})"\s*$/.exec(header);
  if (!match) throw ApiError.badRequest('If-Match must be the ETag of GET /api/settings, such as "3"');
  return Number(match[1]);
}

// GET /api/settings – the settings document (teams, capacity, thresholds, availability, balancing); its revision in ETag
export const GET = guarded('manage', async ({ runtime }) => {
  const state = await runtime.settings.read();
  return json(state.settings, 200, { etag: `"${state.revision}"` });
});

// PUT /api/settings – replaces the whole document; a document that fails is refused whole (400 naming the field)
export const PUT = guarded('manage', async ({ request, runtime, actor }) => {
  const expected = expectedRevision(request);
  // A large team's document (hundreds of operators in many teams) can pass the usual 64 KB of a JSON body.
  const parsed = parseSettings(await parseJsonBody(anyObject, request, { maxBytes: 1024 * 1024 }));
  if (!parsed.ok) throw ApiError.badRequest(parsed.message);
  const result = await runtime.settings.save(parsed.settings, runtime.config.auth.disabled ? null : actor.name, expected);
  if (result.kind === 'conflict') {
    throw ApiError.conflict(`The settings were changed by ${result.state.updatedBy ?? 'someone else'} meanwhile: load them again, then make your change.`);
  }
  await runtime.audit.record('settings_changed', actor, result.summary.slice(0, 300), clientAddress(request.headers));
  return json(result.state.settings, 200, { etag: `"${result.state.revision}"` });
});
