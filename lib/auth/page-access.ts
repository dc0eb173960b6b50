import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getRuntime } from '@/lib/runtime';
import type { Actor } from './access';
import { allows, type Permission } from './roles';

/** Who is asking, worked out once per page request (the layout and the page both ask). */
const requestActor = cache(async () => {
  const runtime = await getRuntime();
  return { runtime, ...(await runtime.access.actorOf(await headers())) };
});

/**
 * The access check of a page, the same as the API's: nobody signed in goes to the sign-in page and
 * comes back after; a display goes to its display; a role without the right gets `allowed: false`.
 */
export async function pageAccess(permission: Permission, path: string): Promise<{ actor: Actor; allowed: boolean }> {
  const { actor, revoked } = await requestActor();
  if (!actor) redirect(revoked ? '/login?display=revoked' : `/login?next=${encodeURIComponent(path)}`);
  if (allows(actor.role, permission)) return { actor, allowed: true };
  if (actor.role === 'display') redirect('/tv');
  return { actor, allowed: false };
}

/** Who is signed in, for the layout; null when nobody. */
export async function currentUser(): Promise<{ user: { name: string; role: Actor['role'] } | null; authDisabled: boolean; warning: boolean }> {
  const { runtime, actor } = await requestActor();
  return {
    user: actor && !runtime.config.auth.disabled ? { name: actor.name, role: actor.role } : null,
    authDisabled: runtime.config.auth.disabled,
    warning: runtime.config.auth.disabledWarning,
  };
}
