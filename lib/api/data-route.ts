import 'server-only';
import type { z } from 'zod';
import { getRuntime, readDataOrThrow, type DataView, type Runtime } from '@/lib/runtime';
import { parseQuery } from './query';
import { handle, json } from './respond';

/**
 * A GET handler over the shared data set, in the fixed order: parse and validate the query, read
 * the current data (a 502/504 when there has never been any), answer with a cached body.
 */
export function dataRoute<T extends z.ZodType>(
  schema: T,
  body: (context: { runtime: Runtime; view: DataView; query: z.output<T> }) => string,
): (request: Request) => Promise<Response> {
  return (request) =>
    handle(async () => {
      const query = parseQuery(schema, request.url);
      const runtime = await getRuntime();
      const view = await readDataOrThrow(runtime);
      return json(body({ runtime, view, query }));
    });
}
