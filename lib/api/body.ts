import type { z } from 'zod';
import { ApiError } from './errors';

// JSON request bodies, read the same way everywhere: JSON only, small, and a 400 that names the
// field when a value is wrong. The body is read as a stream and counted as it comes: past the limit
// the rest is never read, so a huge upload costs us the limit, not its size.

/** Our JSON bodies are a label and a few ids; 64 KB is far beyond any of them. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

export interface BodyOptions {
  /** The largest body this route takes, in bytes; default JSON_BODY_LIMIT_BYTES. */
  maxBytes?: number;
}

export async function parseJsonBody<T extends z.ZodType>(schema: T, request: Request, options: BodyOptions = {}): Promise<z.output<T>> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readBodyText(request, options.maxBytes ?? JSON_BODY_LIMIT_BYTES);
  let raw: unknown = {};
  if (text.trim() !== '') {
    if (!/^application\/json\b/i.test(type)) throw ApiError.badRequest('the body must be JSON, sent with Content-Type: application/json');
    try {
      raw = JSON.parse(text);
    } catch {
      throw ApiError.badRequest('the body is not valid JSON');
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw ApiError.badRequest('the body must be a JSON object');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    if (!name) throw ApiError.badRequest(issue.message);
    throw ApiError.badRequest(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return parsed.data;
}

/** The body as text, or a 413 as soon as it is known to be larger than `maxBytes`. */
async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const body = request.body;
  if (body === null) return '';
  // A declared size over the limit is refused before a byte is read. The header is the client's
  // word, so the count below holds either way (a chunked body declares nothing).
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: cancelling tells the sender to stop, and the answer need not wait for that.
      reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(maxBytes: number): ApiError {
  return ApiError.payloadTooLarge(`The body is larger than ${formatBytes(maxBytes)}, the most this request takes.`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
