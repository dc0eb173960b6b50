import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { parseJsonBody } from './body';

// A request body is read only as far as the limit: a huge upload is refused at once with a 413,
// without the server holding it in memory first.

const MB = 1024 * 1024;
const schema = z.object({ label: z.string().optional() });

/** A body of `total` bytes made as it is read, in 64 KB chunks, with no Content-Length: chunked. */
function streamedBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const seen = { produced: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.produced >= total) return controller.close();
      seen.produced += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request('http://chatload.test/api/snapshots', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, seen };
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!ApiError.is(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('parseJsonBody', () => {
  it('refuses a 300 MB streamed body within a second, reading no more than the limit', async () => {
    const { request, seen } = streamedBody(300 * MB);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(parseJsonBody(schema, request));
    const elapsedMs = performance.now() - started;
    const grownMb = (process.memoryUsage().rss - rssBefore) / MB;

    expect({ status: error.status, code: error.code }).toEqual({ status: 413, code: 'payload_too_large' });
    expect(error.message).toMatch(/larger than 64 KB/);
    expect(elapsedMs).toBeLessThan(1000);
    expect(grownMb).toBeLessThan(64);
    expect(seen.produced).toBeLessThan(1 * MB);
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { request, seen } = streamedBody(1 * MB);
    request.headers.set('content-length', String(1 * MB));
    const error = await refusal(parseJsonBody(schema, request));
    expect(error.status).toBe(413);
    expect(seen.produced).toBeLessThanOrEqual(64 * 1024);
  });

  it('takes a body up to the limit, and a larger one where the route allows it', async () => {
    const label = 'x'.repeat(60 * 1024);
    const make = (text: string) => new Request('http://chatload.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    await expect(parseJsonBody(schema, make(JSON.stringify({ label })))).resolves.toEqual({ label });

    const big = JSON.stringify({ label: 'я'.repeat(50 * 1024) });
    expect((await refusal(parseJsonBody(schema, make(big)))).status).toBe(413);
    await expect(parseJsonBody(schema, make(big), { maxBytes: 256 * 1024 })).resolves.toEqual({ label: 'я'.repeat(50 * 1024) });
  });

  it('still words the ordinary mistakes as a 400', async () => {
    const make = (text: string, type = 'application/json') => new Request('http://chatload.test/', { method: 'POST', headers: { 'content-type': type }, body: text });
    expect((await refusal(parseJsonBody(schema, make('{"label":')))).message).toBe('the body is not valid JSON');
    expect((await refusal(parseJsonBody(schema, make('{}', 'text/plain')))).status).toBe(400);
    expect((await refusal(parseJsonBody(schema, make('{"label":1}')))).message).toMatch(/^label/);
    await expect(parseJsonBody(schema, new Request('http://chatload.test/', { method: 'POST' }))).resolves.toEqual({});
  });
});
