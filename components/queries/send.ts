import { fetchOrOffline, requestError } from './fetch-json';

/** A POST or DELETE to our API, read like fetchJson: the body, or an error saying whose fault it was. */
export async function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T | null> {
  const response = await fetchOrOffline(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw requestError(response.status, parsed);
  return parsed as T;
}
