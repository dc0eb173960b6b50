// Serves the built dashboard: Next.js behind a plain node:http server in the same process, with
// chatload's front (lib/http/front.mjs) before it. The front tells chatload each client's real
// address (for sign-in limits and display keys' address lists) with a proof no client can forge,
// and refuses a body declared over 1 MB unread. The socket's address cannot be forged; behind a
// reverse proxy, set TRUST_PROXY=1 and the address the proxy saw (the last X-Forwarded-For entry)
// is used instead.
//
//   PORT (3000)  HOST (all interfaces)  CHATLOAD_DIST_DIR (.next)
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { createFront } from '../lib/http/front.mjs';
import { SHUTDOWN_KEY, drainOnSignal } from '../lib/http/shutdown.mjs';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
const trustProxy = process.env.TRUST_PROXY === '1';

const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
await app.prepare();

const server = createServer(createFront({ handle: app.getRequestHandler(), trustProxy }));
server.listen(port, hostname, () => {
  console.log(`chatload: listening on http://${hostname ?? 'localhost'}:${port}`);
});
// SIGTERM (docker stop, a deploy) drains: no new connections, requests in flight finish, then the
// runtime closes (jobs, Redis, the database); all within 10 s (lib/http/shutdown.mjs).
drainOnSignal({
  server,
  close: async () => {
    await globalThis[SHUTDOWN_KEY]?.();
    await app.close?.();
  },
});
