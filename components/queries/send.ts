import { ApiRequestError, OfflineError } from './fetch-json';

/** A POST or DELETE to our API, read like fetchJson: the body, or an error saying whose fault it was. */
export async function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new OfflineError();
  }
  if (response.status === 204) return null;
  const parsed = (await response.json().catch(() => null)) as { error?: { code: string; message: string; detail?: string } } | null;
  if (!response.ok) {
    throw new ApiRequestError(response.status, parsed?.error?.code ?? 'unknown', parsed?.error?.message ?? `HTTP ${response.status}`, parsed?.error?.detail);
  }
  return parsed as T;
}
