import 'server-only';
import type { DataView } from '@/lib/load/store';
import type { Runtime } from '@/lib/runtime';
import { httpStatusFor } from '@/lib/wamm/errors';
import { ApiError } from './errors';

export type { DataView };

/** The live data for a data endpoint; with no data at all, the upstream's failure as a 502/504. */
export async function readDataOrThrow(runtime: Pick<Runtime, 'store'>): Promise<DataView> {
  const view = await runtime.store.read();
  if (view.data) return view as DataView;
  const error = view.upstreamError ?? { code: 'upstream_timeout' as const, message: 'wamm.chat has not answered yet' };
  throw ApiError.upstream(httpStatusFor(error.code), error.code, error.message, error.detail);
}
