import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/access';
import type { Permission } from '@/lib/auth/roles';
import type { Runtime } from '@/lib/runtime';
import { readDataOrThrow, type DataView } from './live-data';
import type { LoadFilters } from '@/lib/load/aggregate';
import { checkedFilters } from './filters';
import { guarded } from './guard';
import { parseQuery } from './query';
import { json } from './respond';

/**
 * A GET handler over the shared data set, in the fixed order: access, parse and validate the query,
 * read the current data (a 502/504 when there has never been any), check the team filter against the
 * rules the data is counted under, answer with a cached body.
 */
export function dataRoute<T extends z.ZodType<{ channel: string | null; user: string | null; team: string | null }>>(
  permission: Permission,
  schema: T,
  body: (context: { runtime: Runtime; view: DataView; query: z.output<T>; filters: LoadFilters; actor: Actor }) => string,
): (request: Request) => Promise<Response> {
  return guarded(permission, async ({ request, runtime, actor }) => {
    const query = parseQuery(schema, request.url);
    const view = await readDataOrThrow(runtime);
    const filters = checkedFilters(query, view.data.rules.teams);
    return json(body({ runtime, view, query, filters, actor }));
  });
}
