import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonBody } from '@/lib/api/body';
import { handle, json } from '@/lib/api/respond';
import { FRONT_KEY, createFront } from './front.mjs';

// A 300 MB upload, the way an attacker would send it, through the front of `npm start` and a route
// that reads a JSON body: refused at once, and the server never holds it.

const MB = 1024 * 1024;
let server: http.Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  delete (globalThis as Record<symbol, unknown>)[FRONT_KEY];
});

/** The front before a route that reads its body as POST /api/snapshots does, over real HTTP. */
async function start(): Promise<{ port: number; routeCalls: () => number }> {
  let calls = 0;
  server = http.createServer(
    createFront({
      handle: async (request, response) => {
        calls++;
        // As Next hands a route its Request: the node request itself as the streamed body.
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
        const webRequest = new Request(`http://127.0.0.1${request.url}`, { method: request.method, headers, body: Readable.toWeb(request) as ReadableStream, duplex: 'half' } as RequestInit);
        const answer = await handle(async () => json(await parseJsonBody(z.object({ label: z.string().optional() }), webRequest), 201));
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      },
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, routeCalls: () => calls };
}

/** Sends `total` bytes of spaces as fast as the server takes them; resolves with the first answer. */
function upload(port: number, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; ms: number; sentBytes: number }>((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const source = new Readable({
      read() {
        if (sent >= total) return void this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/snapshots', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const ms = performance.now() - started;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms, sentBytes: sent });
        request.destroy();
      });
    });
    // The server may close while we are still sending: that is the refusal, not a failure.
    request.on('error', (error) => (sent > 0 ? undefined : reject(error)));
    source.pipe(request);
  });
}

describe('a huge request body', () => {
  it('streamed without a Content-Length (chunked), 300 MB: a 413 within a second, and the server stays small', async () => {
    const { port } = await start();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const answer = await upload(port, 300 * MB, { 'transfer-encoding': 'chunked' });
    clearInterval(sampler);
    const grownMb = (Math.max(peak, process.memoryUsage().rss) - rssBefore) / MB;
    console.log(`chunked 300 MB: answered ${answer.status} after ${answer.ms.toFixed(0)} ms, ${(answer.sentBytes / MB).toFixed(1)} MB sent by then, server RSS +${grownMb.toFixed(1)} MB`);

    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large', message: expect.stringContaining('64 KB') } });
    expect(answer.ms).toBeLessThan(1000);
    expect(grownMb).toBeLessThan(64);
  });

  it('declared over 1 MB in Content-Length: a 413 from the front before the route or a byte of the body', async () => {
    const { port, routeCalls } = await start();
    const answer = await upload(port, 300 * MB, { 'content-length': String(300 * MB) });
    console.log(`Content-Length 300 MB: answered ${answer.status} after ${answer.ms.toFixed(0)} ms`);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large', message: expect.stringContaining('1 MB') } });
    expect(answer.ms).toBeLessThan(1000);
    expect(routeCalls()).toBe(0);
  });

  it('lets an ordinary body through to the route', async () => {
    const { port, routeCalls } = await start();
    const response = await fetch(`http://127.0.0.1:${port}/api/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"label":"Смена"}' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ label: 'Смена' });
    expect(routeCalls()).toBe(1);
  });
});
