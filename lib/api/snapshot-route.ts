import 'server-only';
import { getRuntime, type Runtime } from '@/lib/runtime';
import type { ThawedSnapshot } from '@/lib/snapshots/model';
import { ApiError } from './errors';

/** Route context of `/api/snapshots/[id]/…` in Next 16: the params arrive as a promise. */
export interface SnapshotRouteContext {
  params: Promise<{ id: string }>;
}

/** The snapshot a URL names, or a 404 that says it is gone (deleted, or never existed). */
export async function snapshotOrThrow(context: SnapshotRouteContext): Promise<{ runtime: Runtime; snapshot: ThawedSnapshot }> {
  const { id } = await context.params;
  const runtime = await getRuntime();
  const snapshot = runtime.snapshots.get(id);
  if (!snapshot) throw ApiError.notFound('There is no snapshot with this id: it was deleted, or the link is incomplete.');
  return { runtime, snapshot };
}
