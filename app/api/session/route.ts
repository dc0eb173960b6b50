import { parseJsonBody } from '@/lib/api/body';
import { publicRoute } from '@/lib/api/guard';
import { signInBodySchema } from '@/lib/api/query';
import { json } from '@/lib/api/respond';
import { clientAddress } from '@/lib/auth/access';
import type { SessionResponse } from '@/lib/load/types';
import type { Runtime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

function sessionBody(runtime: Runtime, user: SessionResponse['user']): SessionResponse {
  return { user, authDisabled: runtime.config.auth.disabled, authDisabledWarning: runtime.config.auth.disabledWarning };
}

// GET /api/session – who is signed in here, and whether sign-in is on at all
export const GET = publicRoute(async ({ request, runtime }) => {
  const { actor } = runtime.auth.actorOf(request.headers);
  return json(sessionBody(runtime, actor ? { name: actor.name, role: actor.role } : null));
});

// POST /api/session – sign in with {name?, password}: the configured passwords, or a named account
export const POST = publicRoute(async ({ request, runtime }) => {
  const { auth } = runtime;
  const address = clientAddress(request.headers) ?? 'unknown';
  const wait = Math.max(auth.perAddress.retryAfterSeconds(address), auth.overall.retryAfterSeconds('all'));
  if (wait > 0) {
    return json(
      { error: { code: 'too_many_attempts', message: `Too many failed sign-ins from here: try again in ${Math.ceil(wait / 60)} min.` } },
      429,
      { 'retry-after': String(wait) },
    );
  }
  const body = await parseJsonBody(signInBodySchema, request);
  const signedIn = await auth.accounts.signIn(body.name, body.password);
  if (!signedIn) {
    auth.perAddress.fail(address);
    auth.overall.fail('all');
    auth.audit('sign_in_failed', { name: body.name, role: null }, null, request.headers);
    return json({ error: { code: 'unauthorized', message: 'The name or password is wrong.' } }, 401);
  }
  auth.perAddress.succeed(address);
  auth.audit('sign_in', signedIn, null, request.headers);
  const now = auth.now();
  const cookie = auth.cookieFor({ ...signedIn, displayKeyId: null, issuedAtMs: now, seenAtMs: now }, request.headers);
  return json(sessionBody(runtime, signedIn), 200, { 'set-cookie': cookie });
});

// DELETE /api/session – sign out
export const DELETE = publicRoute(async ({ request, runtime }) => {
  const { actor } = runtime.auth.actorOf(request.headers);
  if (actor && !runtime.config.auth.disabled) runtime.auth.audit('sign_out', actor, null, request.headers);
  return json(sessionBody(runtime, null), 200, { 'set-cookie': runtime.auth.clearedCookie(request.headers) });
});
