// Who may call what: the README's table, as data. The integration test and the e2e test both walk
// it with real sessions of each role; a change to either the code or the README shows here.

export type Caller = 'anonymous' | 'display' | 'viewer' | 'manager';
export const CALLERS: Caller[] = ['anonymous', 'display', 'viewer', 'manager'];

export interface ApiAccessRow {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /**
   * `{snapshot}` an existing snapshot, `{doomed}` one made for deleting, `{key}` a display key made for
   * revoking, `{session}` a viewer's session made for ending.
   */
  path: string;
  body?: unknown;
  expect: Record<Caller, number>;
}

const READ = { anonymous: 401, display: 403, viewer: 200, manager: 200 };
const DISPLAY = { anonymous: 401, display: 200, viewer: 200, manager: 200 };
const PUBLIC = { anonymous: 200, display: 200, viewer: 200, manager: 200 };

export const API_ACCESS: ApiAccessRow[] = [
  { method: 'GET', path: '/api/health', expect: PUBLIC },
  { method: 'GET', path: '/api/session', expect: PUBLIC },
  { method: 'GET', path: '/api/load', expect: DISPLAY },
  { method: 'GET', path: '/api/waiting', expect: DISPLAY },
  { method: 'GET', path: '/api/version', expect: DISPLAY },
  { method: 'GET', path: '/api/chats', expect: READ },
  { method: 'GET', path: '/api/export?format=csv', expect: READ },
  { method: 'GET', path: '/api/history', expect: READ },
  { method: 'GET', path: '/api/teams/analytics', expect: READ },
  { method: 'GET', path: '/api/snapshots', expect: READ },
  { method: 'GET', path: '/api/snapshots/{snapshot}', expect: READ },
  { method: 'GET', path: '/api/snapshots/{snapshot}/chats', expect: READ },
  { method: 'GET', path: '/api/snapshots/{snapshot}/export?format=json', expect: READ },
  { method: 'POST', path: '/api/snapshots', body: { label: 'access table' }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 201 } },
  { method: 'DELETE', path: '/api/snapshots/{doomed}', expect: { anonymous: 401, display: 403, viewer: 403, manager: 204 } },
  { method: 'GET', path: '/api/display-keys', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'POST', path: '/api/display-keys', body: { label: 'access table' }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 201 } },
  { method: 'DELETE', path: '/api/display-keys/{key}', expect: { anonymous: 401, display: 403, viewer: 403, manager: 204 } },
  { method: 'GET', path: '/api/audit', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/settings', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'PUT', path: '/api/settings', body: { version: 1 }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'POST', path: '/api/rebalance/plan', body: {}, expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'POST', path: '/api/rebalance/apply', body: { moves: [{ chatId: 'no-such-chat', toUserId: null }] }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'POST', path: '/api/chats/no-such-chat/assign', body: { toUserId: null }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/rebalance/moves', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/rebalance/status', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/alerts', expect: DISPLAY },
  { method: 'GET', path: '/api/alerts/history', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/alerts/channels', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'POST', path: '/api/alerts/test', body: { channel: 'webhook' }, expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'GET', path: '/api/sessions', expect: { anonymous: 401, display: 403, viewer: 403, manager: 200 } },
  { method: 'DELETE', path: '/api/sessions/{session}', expect: { anonymous: 401, display: 403, viewer: 403, manager: 204 } },
];

/** Pages: `ok` shown, `login` sent to sign in, `tv` a display sent to its display, `denied` a no-access page. */
export type PageOutcome = 'ok' | 'login' | 'tv' | 'denied';

export const PAGE_ACCESS: Array<{ path: string; expect: Record<Caller, PageOutcome> }> = [
  { path: '/', expect: { anonymous: 'login', display: 'tv', viewer: 'ok', manager: 'ok' } },
  { path: '/tv', expect: { anonymous: 'login', display: 'ok', viewer: 'ok', manager: 'ok' } },
  { path: '/tv/setup', expect: { anonymous: 'login', display: 'tv', viewer: 'ok', manager: 'ok' } },
  { path: '/snapshots', expect: { anonymous: 'login', display: 'tv', viewer: 'ok', manager: 'ok' } },
  { path: '/snapshots/{snapshot}', expect: { anonymous: 'login', display: 'tv', viewer: 'ok', manager: 'ok' } },
  { path: '/settings', expect: { anonymous: 'login', display: 'tv', viewer: 'denied', manager: 'ok' } },
  { path: '/rebalance', expect: { anonymous: 'login', display: 'tv', viewer: 'denied', manager: 'ok' } },
  { path: '/alerts', expect: { anonymous: 'login', display: 'tv', viewer: 'denied', manager: 'ok' } },
  { path: '/login', expect: { anonymous: 'ok', display: 'ok', viewer: 'ok', manager: 'ok' } },
];

/** The server-side session id a session cookie (`chatload_session=2.<claims>.<mac>`) names. */
export function sessionIdOfCookie(cookie: string): string {
  const value = cookie.replace(/^chatload_session=/, '');
  const payload = value.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { d: string }).d;
}
