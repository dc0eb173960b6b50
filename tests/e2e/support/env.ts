// One place for the addresses and the secret the e2e run uses. The token has characters that must
// be URL-encoded, so a leak would show in either form; the tests look for both.

export const E2E_TOKEN = 'e2e+Secret=Tok/9f3b';
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4310);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3310);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const SERVER_LOG = 'test-results/e2e-server.log';
export const REFRESH_SECONDS = 5;
/** The main e2e server's snapshots and history; emptied at the start of every run. */
export const DATA_DIR = 'test-results/e2e-data';
/** History is written every 5 s in the e2e run, so a trend has points within a test's time. */
export const HISTORY_SAMPLE_SECONDS = 5;
/** The main e2e server's accounts, and the secret its session cookies are signed with. */
export const MANAGER_PASSWORD = 'e2e-manager-password';
export const VIEWER_PASSWORD = 'e2e-viewer-password';
export const SESSION_SECRET = 'e2e-session-secret-0123456789abcdef';
/** The main e2e server's GET /metrics bearer token: a secret, looked for by the secrets test too. */
export const METRICS_TOKEN = 'e2e-metrics+token/0123456789';
/** The manager's signed-in browser state, written by login.setup.ts for every other test. */
export const MANAGER_STATE = 'test-results/e2e-state/manager.json';
