import 'server-only';
import type { Runtime } from '@/lib/runtime';
import type { ThawedSnapshot } from '@/lib/snapshots/model';
import { ApiError } from './errors';

/** Route context of `/api/snapshots/[id]/…` in Next 16: the params arrive as a promise. */
export interface SnapshotRouteContext {
  params: Promise<{ id: string }>;
}

export const SNAPSHOT_GONE = 'There is no snapshot with this id: it was deleted, or the link is incomplete.';

/** The snapshot a URL names, or a 404 that says it is gone (deleted, or never existed). */
export async function snapshotOrThrow(runtime: Runtime, context: SnapshotRouteContext): Promise<ThawedSnapshot> {
  const { id } = await context.params;
  const snapshot = await runtime.snapshots.get(id);
  if (!snapshot) throw ApiError.notFound(SNAPSHOT_GONE);
  return snapshot;
}
