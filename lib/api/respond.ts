import 'server-only';
import { log } from '@/lib/log';
import { StorageUnavailableError } from '@/lib/storage/errors';
import { ApiError, errorBody } from './errors';

// Response helpers shared by every route handler: one JSON shape, `no-store` on live data, and
// the one place where an unexpected error is logged and turned into a generic 500.

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
} as const;

/** A JSON response from an object or an already serialized body. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { ...JSON_HEADERS, ...headers },
  });
}

/** What a supervisor reads when the database cannot answer; the reason follows as `detail`. */
export const STORAGE_UNAVAILABLE =
  "chatload's database is not available right now, so saved snapshots, history, settings and sign-in cannot be used; the live numbers still work. It is tried again by itself.";

export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (ApiError.is(error)) return json(errorBody(error.code, error.message, error.detail), error.status);
    if (StorageUnavailableError.is(error)) {
      const body = errorBody('storage_unavailable', STORAGE_UNAVAILABLE, error.reason);
      return json(body, 503, { 'retry-after': '30' });
    }
    log.error(`unexpected error in a request: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'}`);
    return json(errorBody('internal_error', 'Something went wrong in chatload; the details are in the server log.'), 500);
  }
}
