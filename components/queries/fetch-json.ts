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

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError();
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiRequestError(response.status, 'bad_response', `The dashboard server answered HTTP ${response.status} without data.`);
  }
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody>).error;
    throw new ApiRequestError(response.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${response.status}`, error?.detail);
  }
  return body as T;
}
