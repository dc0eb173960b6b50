// The HTTP front of `npm start` (scripts/serve.mjs): every request passes here before Next, in the
// same process. Two things only a front can do well:
//
//  - Say who is asking. The socket's address cannot be forged, a header can: so any incoming
//    `x-chatload-*` header is dropped, and the address is set together with a proof, a secret made
//    when this process starts. The app (lib/auth/client-address.ts) believes an address only with
//    that proof, so under a bare `next start`, or on a port that bypasses this front, an address
//    sent by a client is worth nothing. The secret is shared through a global of this process, not
//    the environment, which a child process would inherit.
//  - Refuse a body declared larger than any request of ours, before reading a byte of it. Bodies
//    that declare no size (chunked) are counted by the route that reads them (lib/api/body.ts).
//
// Plain JavaScript so that node runs it without a build; its types are in front.d.mts.
import { randomBytes } from 'node:crypto';

/** Where the app finds this process's proof: `globalThis[FRONT_KEY].proof`. */
export const FRONT_KEY = Symbol.for('chatload.front');
export const ADDRESS_HEADER = 'x-chatload-client-address';
export const PROOF_HEADER = 'x-chatload-front-proof';
/** No request of ours comes near 1 MB; the JSON routes take 64 KB. */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

/** Makes this process's proof and publishes it to the app; returns it. */
export function registerFront() {
  const proof = randomBytes(32).toString('base64url');
  globalThis[FRONT_KEY] = Object.freeze({ proof });
  return proof;
}

/**
 * A node:http request listener that vouches for the client's address, then hands the request to
 * `handle` (Next's request handler).
 *
 * @param {{ handle: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => unknown, trustProxy?: boolean, maxBodyBytes?: number }} options
 */
export function createFront({ handle, trustProxy = false, maxBodyBytes = REQUEST_BODY_LIMIT_BYTES }) {
  const proof = registerFront();
  return (request, response) => {
    for (const name of Object.keys(request.headers)) {
      if (name.startsWith('x-chatload-')) delete request.headers[name];
    }
    // Next reads `headers`; anything reading the raw list must not find the forged ones either.
    request.rawHeaders = request.rawHeaders.filter((_, index, raw) => !raw[index - (index % 2)].toLowerCase().startsWith('x-chatload-'));

    const declared = Number(request.headers['content-length']);
    if (declared > maxBodyBytes) return refuseBody(response, maxBodyBytes);

    const address = clientAddress(request, trustProxy);
    if (address) request.headers[ADDRESS_HEADER] = address;
    request.headers[PROOF_HEADER] = proof;
    return handle(request, response);
  };
}

/** The socket's address; behind a trusted reverse proxy, the address the proxy saw (its last X-Forwarded-For entry). */
function clientAddress(request, trustProxy) {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    if (forwarded.length > 0) return forwarded[forwarded.length - 1];
  }
  const address = request.socket.remoteAddress;
  return address ? address.replace(/^::ffff:/, '') : null;
}

function refuseBody(response, maxBodyBytes) {
  const body = JSON.stringify({
    error: { code: 'payload_too_large', message: `The body is larger than ${formatBytes(maxBodyBytes)}, the most chatload takes in one request.` },
  });
  // `connection: close`: the body is never read, so the connection cannot carry another request.
  response.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  response.end(body);
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
