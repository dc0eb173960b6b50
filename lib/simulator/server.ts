import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyStats, handleControlRequest, type SimulatorControl, type SimulatorStats } from './control';
import { DEFAULT_SLOW_MS, FaultSwitch, type Fault } from './faults';
import { assertTimeZone } from './wall-clock';
import { answerApiCall, callNames, type ApiCall } from './wamm-api';
import { toWireChannel, toWireChat, toWireUser } from './wire';
import { World, type DatasetName } from './world';

// The simulated wamm.chat over real HTTP: api2's URLs and JSON (token in the path, `err` 0 or a
// string, HTTP 200 even for errors), faults on demand, and /__sim/ control endpoints beside them.

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The API token it accepts, compared with the URL-decoded path segment. */
  token: string;
  /** IANA zone in which dates are written; default Europe/Moscow. */
  timezone?: string;
  /** The same seed gives the same world; default 42. */
  seed?: number;
  /** Default demo. */
  dataset?: DatasetName;
  /** The world changes every tickMs (default); false freezes it. */
  live?: boolean;
  /** Default 5000. */
  tickMs?: number;
  /** Default Date.now. */
  now?: () => number;
}

export interface SimulatorHandle {
  /** api2's base URL without the token, e.g. http://127.0.0.1:41234/api2 */
  url: string;
  port: number;
  control: SimulatorControl;
  /** Stops the world and ends every connection, hanging and slow calls included. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROXY_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
/** Cut off mid-string, as when an upstream dies while writing. */
const TRUNCATED_JSON = '{"err":0,"data":[{"chat_id":"50001","chat_name":"Анна Смирн';
const MAX_CONTROL_BODY = 100_000;

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const now = options.now ?? Date.now;
  const timeZone = options.timezone ?? 'Europe/Moscow';
  assertTimeZone(timeZone);
  const host = options.host ?? '127.0.0.1';
  const tickMs = options.tickMs ?? 5000;
  if (!(tickMs > 0)) throw new Error('tickMs must be a positive number of milliseconds');

  const world = new World(options.seed ?? 42, now());
  world.load(options.dataset ?? 'demo', now());
  const faults = new FaultSwitch();
  let stats = emptyStats();
  let ticker: NodeJS.Timeout | undefined;
  const hanging = new Set<http.ServerResponse>();
  const delayed = new Set<NodeJS.Timeout>();

  const endHanging = () => {
    for (const response of hanging) response.destroy();
    hanging.clear();
  };

  const control: SimulatorControl = {
    setFault: (fault: Fault) => faults.set(fault),
    clearFault: () => {
      faults.clear();
      endHanging();
    },
    setDataset: (name, datasetOptions) => world.load(name, now(), datasetOptions),
    setLive: (live) => {
      clearInterval(ticker);
      ticker = undefined;
      if (!live) return;
      ticker = setInterval(() => world.tick(now()), tickMs);
      // The world's clock alone must not keep a test run or the app's process alive.
      ticker.unref();
    },
    tick: () => world.tick(now()),
    snapshot: () => ({
      users: world.users.map((user) => toWireUser(user, timeZone)),
      channels: world.channels.map(toWireChannel),
      chats: world.chats.map((chat) => toWireChat(chat, timeZone)),
    }),
    stats: (): SimulatorStats => ({ ...stats }),
    resetStats: () => {
      stats = emptyStats();
    },
  };
  control.setLive(options.live ?? true);

  const handleApi = (request: http.IncomingMessage, response: http.ServerResponse, segments: string[]) => {
    const [method, token, ...args] = segments.map(decodeSegment);
    const call: ApiCall = { method: method ?? '', token: token ?? null, args: args.map((arg) => arg ?? '') };
    const names = callNames(call);
    for (const name of names) stats[name]++;

    const answer = () => sendJson(response, 200, answerApiCall(call, { world, token: options.token, timeZone }));
    const fault = faults.take(names, call.args[0]);
    switch (fault?.kind) {
      case undefined:
        return answer();
      case 'token_fail':
        return sendJson(response, 200, { err: 'token fail' });
      case 'acc_not_authorized':
        return sendJson(response, 200, { err: 'acc not authorized' });
      case 'fail_execution':
        return sendJson(response, 200, { err: 'fail execution' });
      case 'http_500':
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        return response.end('Internal Server Error');
      case 'html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(PROXY_ERROR_PAGE);
      case 'malformed_json':
        response.writeHead(200, { 'content-type': JSON_TYPE });
        return response.end(TRUNCATED_JSON);
      case 'slow': {
        const timer = setTimeout(() => {
          delayed.delete(timer);
          answer();
        }, fault.delayMs ?? DEFAULT_SLOW_MS);
        delayed.add(timer);
        return;
      }
      case 'hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang_after_apply':
        answerApiCall(call, { world, token: options.token, timeZone });
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      case 'http_500_after_apply':
        answerApiCall(call, { world, token: options.token, timeZone });
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        return response.end('Internal Server Error');
    }
  };

  const handleControl = async (request: http.IncomingMessage, response: http.ServerResponse, path: string) => {
    let body: unknown;
    if (request.method === 'POST') {
      const read = await readJsonBody(request);
      if (!read.ok) return sendJson(response, 400, { error: read.message });
      body = read.value;
    }
    const reply = handleControlRequest(control, `${request.method ?? 'GET'} ${path}`, body);
    sendJson(response, reply.status, reply.body);
  };

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const fail = (error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: `simulator failed: ${error instanceof Error ? error.message : String(error)}` });
      else response.destroy();
    };
    try {
      if (path.startsWith('/__sim/')) {
        handleControl(request, response, path.slice('/__sim/'.length)).catch(fail);
      } else if (path.startsWith('/api2/') && (request.method === 'GET' || request.method === 'HEAD')) {
        // Split before decoding: a token with an encoded "/" stays one segment.
        handleApi(request, response, path.slice('/api2/'.length).split('/'));
      } else {
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<html><body><h1>404 Not Found</h1></body></html>');
      }
    } catch (error) {
      fail(error);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/api2`,
    port,
    control,
    async close() {
      control.setLive(false);
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
      endHanging();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** A path segment URL-decoded, or null when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function readJsonBody(request: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CONTROL_BODY) return { ok: false, message: 'the body is too large' };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
}
