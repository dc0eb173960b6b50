import 'server-only';
import { log } from '@/lib/log';
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

export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (ApiError.is(error)) return json(errorBody(error.code, error.message, error.detail), error.status);
    log.error(`unexpected error in a request: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'}`);
    return json(errorBody('internal_error', 'Something went wrong in chatload; the details are in the server log.'), 500);
  }
}
