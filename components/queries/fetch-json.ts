import type { ApiErrorBody } from '@/lib/load/types';

// How the browser reads our API: a JSON body, or an error that says whose fault it was — our
// server answering with an error (ApiRequestError) or no answer at all (OfflineError).

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The technical detail of an upstream failure ("HTTP 500"), when the server gave one. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export class OfflineError extends Error {
  constructor() {
    super('The dashboard server cannot be reached from this browser.');
    this.name = 'OfflineError';
  }
}

/** A request to our server; no answer at all (not an aborted one) is an OfflineError. */
export async function fetchOrOffline(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError();
  }
}

/** The error of a non-2xx answer, from its parsed body (null when it had none). */
export function requestError(status: number, body: unknown): ApiRequestError {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return new ApiRequestError(status, error?.code ?? 'unknown', error?.message ?? `HTTP ${status}`, error?.detail);
}

export async function fetchJson<T>(url: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetchOrOffline(url, { signal, cache: 'no-store', headers: { accept: 'application/json', ...headers } });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiRequestError(response.status, 'bad_response', `The dashboard server answered HTTP ${response.status} without data.`);
  }
  if (!response.ok) throw requestError(response.status, body);
  return body as T;
}
