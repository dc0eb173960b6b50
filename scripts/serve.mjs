// Serves the built dashboard: Next.js behind a plain node:http server, so chatload knows the real
// address of each client (for sign-in limits and display keys' address lists). A client could
// forge X-Forwarded-For; the socket's address cannot be forged. Behind a reverse proxy, set
// TRUST_PROXY=1 and the address the proxy saw (the last X-Forwarded-For entry) is used instead.
//
//   PORT (3000)  HOST (all interfaces)  CHATLOAD_DIST_DIR (.next)
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
const trustProxy = process.env.TRUST_PROXY === '1';
const ADDRESS_HEADER = 'x-chatload-client-address';

const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();

function clientAddress(request) {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    if (forwarded.length > 0) return forwarded[forwarded.length - 1];
  }
  return (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

const server = createServer((request, response) => {
  request.headers[ADDRESS_HEADER] = clientAddress(request);
  handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`chatload: listening on http://${hostname ?? 'localhost'}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
