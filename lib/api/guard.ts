import 'server-only';
import type { Actor } from '@/lib/auth/access';
import { checkSameOrigin } from '@/lib/auth/access';
import type { Permission } from '@/lib/auth/roles';
import { getRuntime, type Runtime } from '@/lib/runtime';
import { handle } from './respond';

export interface GuardedContext<C> {
  request: Request;
  runtime: Runtime;
  /** null only on public routes. */
  actor: Actor;
  context: C;
}

/**
 * Every route handler, in a fixed order: a state-changing request must come from our own pages
 * (CSRF), the caller must hold `permission` (401/403 otherwise), then the work. A person's session
 * cookie is renewed on the way out while they keep using the dashboard.
 */
export function guarded<C = void>(
  permission: Permission,
  work: (context: GuardedContext<C>) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return (request, context) =>
    handle(async () => {
      const runtime = await getRuntime();
      if (request.method !== 'GET' && request.method !== 'HEAD') checkSameOrigin(request, runtime.config.auth.trustProxy);
      const { actor, setCookie } = await runtime.access.authorize(request, permission);
      const response = await work({ request, runtime, actor, context });
      if (setCookie) response.headers.append('set-cookie', setCookie);
      return response;
    });
}

/** Routes anyone may call (sign-in, health): still refused when sent from another site. */
export function publicRoute<C = void>(
  work: (context: Omit<GuardedContext<C>, 'actor'>) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return (request, context) =>
    handle(async () => {
      const runtime = await getRuntime();
      if (request.method !== 'GET' && request.method !== 'HEAD') checkSameOrigin(request, runtime.config.auth.trustProxy);
      return work({ request, runtime, context });
    });
}
