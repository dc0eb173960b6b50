import type { Settings } from '@/lib/settings/schema';
import { ApiRequestError, fetchOrOffline, requestError } from '@/components/queries/fetch-json';

// The settings document as the browser reads and writes it. Its revision travels in the ETag
// header, which fetchJson and send() do not hand back, so this file reads the responses itself.
// Only types come from lib/settings/schema: zod stays out of the browser bundle.

export const SETTINGS_QUERY_KEY = ['settings'] as const;

/** The document as stored, and the ETag (`"3"`) that a save must name to replace it. */
export interface StoredSettings {
  settings: Settings;
  etag: string;
}

async function stored(response: Response): Promise<StoredSettings> {
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (body === undefined) throw new ApiRequestError(response.status, 'bad_response', `The dashboard server answered HTTP ${response.status} without data.`);
  if (!response.ok) throw requestError(response.status, body);
  const etag = response.headers.get('etag');
  // Without a revision a save could not be made safely; treat it as an unreadable answer.
  if (!etag) throw new ApiRequestError(response.status, 'bad_response', `The dashboard server answered HTTP ${response.status} without a revision.`);
  return { settings: body as Settings, etag };
}

export async function fetchSettings(signal?: AbortSignal): Promise<StoredSettings> {
  return stored(await fetchOrOffline('/api/settings', { signal, cache: 'no-store', headers: { accept: 'application/json' } }));
}

/**
 * Replaces the whole document if nobody saved since `etag` was read: the server answers 409
 * (`conflict`) otherwise, and 400 (`bad_request`, the field named in the message) for a document it
 * refuses. `document` is unknown because an imported file is sent as read, for the server to judge.
 */
export async function putSettings(document: unknown, etag: string): Promise<StoredSettings> {
  return stored(
    await fetchOrOffline('/api/settings', {
      method: 'PUT',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify(document),
    }),
  );
}
