import { parseJsonBody } from '@/lib/api/body';
import { publicRoute } from '@/lib/api/guard';
import { signInBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { AccessControl, clientAddress } from '@/lib/auth/access';
import type { SessionResponse } from '@/lib/load/types';
import type { Runtime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

function sessionBody(runtime: Runtime, user: SessionResponse['user']): SessionResponse {
  return { user, authDisabled: runtime.config.auth.disabled, authDisabledWarning: runtime.config.auth.disabledWarning };
}

// GET /api/session – who is signed in here, and whether sign-in is on at all
export const GET = publicRoute(async ({ request, runtime }) => {
  const { actor } = await runtime.access.actorOf(request.headers);
  return json(sessionBody(runtime, actor ? { name: actor.name, role: actor.role } : null));
});

// POST /api/session – sign in with {name?, password}: the configured passwords, or a named account
export const POST = publicRoute(async ({ request, runtime }) => {
  const body = await parseJsonBody(signInBodySchema, request);
  const result = await runtime.signIn.signIn(body, { address: clientAddress(request.headers), userAgent: request.headers.get('user-agent') });
  switch (result.kind) {
    case 'limited':
      return json(
        { error: { code: 'too_many_attempts', message: `Too many failed sign-ins from here: try again in ${Math.ceil(result.retryAfterSeconds / 60)} min.` } },
        429,
        { 'retry-after': String(result.retryAfterSeconds) },
      );
    case 'busy':
      return json({ error: { code: 'busy', message: 'Too many sign-ins are being checked at once: try again in a few seconds.' } }, 503, { 'retry-after': '5' });
    case 'wrong':
      return json({ error: { code: 'unauthorized', message: 'The name or password is wrong.' } }, 401);
    case 'ok':
      return json(sessionBody(runtime, { name: result.name, role: result.role }), 200, {
        'set-cookie': runtime.access.cookieFor(result.cookie, result.maxAgeSeconds, request.headers),
      });
  }
});

// DELETE /api/session – sign out: the session ends on the server, wherever its cookie was copied
export const DELETE = publicRoute(async ({ request, runtime }) => {
  const { actor } = await runtime.access.actorOf(request.headers);
  if (actor && !runtime.config.auth.disabled) {
    const id = runtime.sessions.idOf(AccessControl.cookieIn(request.headers));
    // Without the database the session still ends in this process; the cookie is cleared either way.
    if (id) await runtime.sessions.end(id).catch(() => false);
    await runtime.audit.record('sign_out', actor, null, clientAddress(request.headers));
  }
  return json(sessionBody(runtime, null), 200, { 'set-cookie': runtime.access.clearedCookie(request.headers) });
});
