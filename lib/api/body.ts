import type { z } from 'zod';
import { ApiError } from './errors';

// JSON request bodies, read the same way everywhere: JSON only, small, and a 400 that names the
// field when a value is wrong.

const MAX_BODY_BYTES = 16 * 1024;

export async function parseJsonBody<T extends z.ZodType>(schema: T, request: Request): Promise<z.output<T>> {
  const type = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw ApiError.badRequest(`the body is larger than ${MAX_BODY_BYTES / 1024} KB`);
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
