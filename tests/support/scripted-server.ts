import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny real HTTP server whose answers a test scripts per request: for the client's edge cases
// that the simulator has no reason to produce (odd bodies, exact status codes).

export interface ScriptedAnswer {
  status?: number;
  contentType?: string;
  body?: string;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
}

export interface ScriptedServer {
  baseUrl: string;
  /** Paths requested so far, as received (still URL-encoded). */
  requests: string[];
  answer(next: ScriptedAnswer | ((path: string) => ScriptedAnswer)): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let script: ScriptedAnswer | ((path: string) => ScriptedAnswer) = { body: '{"err":0,"data":[]}' };
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    const answer = typeof script === 'function' ? script(path) : script;
    const send = () => {
      if (answer.reset) {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' });
      response.end(answer.body ?? '');
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api2`,
    requests,
    answer(next) {
      script = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
