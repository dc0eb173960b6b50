import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FRONT_KEY, createFront, registerFront } from '@/lib/http/front.mjs';
import { clientAddress } from './access';

// The sign-in limit, display keys' address lists and the audit log go by the client's address. A
// client must not be able to choose it: only chatload's own front (npm start) may say what it is.

const forged = { 'x-chatload-client-address': '10.9.9.9' };

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[FRONT_KEY];
});

/** A real HTTP server with the front before a handler that answers with the address the app believes. */
async function throughFront(options: { trustProxy?: boolean } = {}) {
  const server = http.createServer(
    createFront({
      ...options,
      handle: (request, response) => {
        // As Next builds a route's Request: from the node request's headers.
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
        response.end(JSON.stringify({ address: clientAddress(headers) }));
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    async ask(headers: Record<string, string>): Promise<string | null> {
      const response = await fetch(`http://127.0.0.1:${port}/api/session`, { headers });
      return ((await response.json()) as { address: string | null }).address;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the client address', () => {
  it('is unknown when a client names it and no front of ours stands in between (a bare next start)', () => {
    expect(clientAddress(new Headers(forged))).toBeNull();
  });

  it('is unknown when the proof is missing or wrong, even with a front running', () => {
    registerFront();
    expect(clientAddress(new Headers(forged))).toBeNull();
    expect(clientAddress(new Headers({ ...forged, 'x-chatload-front-proof': 'x'.repeat(43) }))).toBeNull();
  });

  it('is the socket address through the front, whatever the client claims', async () => {
    const front = await throughFront();
    try {
      expect(await front.ask({ ...forged, 'x-chatload-front-proof': 'guessed', 'x-forwarded-for': '10.9.9.9' })).toBe('127.0.0.1');
      expect(await front.ask({})).toBe('127.0.0.1');
    } finally {
      await front.close();
    }
  });

  it('behind a trusted reverse proxy, is the address the proxy saw: its last X-Forwarded-For entry', async () => {
    const front = await throughFront({ trustProxy: true });
    try {
      expect(await front.ask({ ...forged, 'x-forwarded-for': '10.9.9.9, 203.0.113.7' })).toBe('203.0.113.7');
      expect(await front.ask({})).toBe('127.0.0.1');
    } finally {
      await front.close();
    }
  });

  it('keeps its proof out of the environment, where child processes would find it', () => {
    const proof = registerFront();
    expect(Object.values(process.env)).not.toContain(proof);
  });
});
