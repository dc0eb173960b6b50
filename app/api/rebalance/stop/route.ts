import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';

export const dynamic = 'force-dynamic';

// POST /api/rebalance/stop – the kill switch: automatic rebalancing off at once (a settings change, audited)
export const POST = guarded('manage', async ({ request, runtime, actor }) => {
  const state = await runtime.settings.read();
  const settings = { ...state.settings, balancing: { ...state.settings.balancing, mode: 'off' as const } };
  const saved = await runtime.settings.save(settings, runtime.config.auth.disabled ? null : actor.name, state.revision);
  if (saved.kind === 'conflict') throw ApiError.conflict('The settings changed at this moment: press the switch again.');
  await runtime.audit.record('settings_changed', actor, 'automatic rebalancing stopped (mode off)', clientAddress(request.headers));
  return json({ mode: 'off' }, 200, { etag: `"${saved.state.revision}"` });
});
