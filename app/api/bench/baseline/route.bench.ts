import { handle, json } from '@/lib/api/respond';
import { ApiError } from '@/lib/api/errors';

export const dynamic = 'force-dynamic';

// The benchmark's yardstick: the cheapest possible Next route answering a JSON of a given size.
// It exists only in the build `npm run bench` makes for itself: `.bench.ts` is a page extension
// only with CHATLOAD_BENCH=1 at build time (next.config.js), so a normal build has no such route.
// The check below is a second lock, for a bench build served without the bench's environment.
const bodies = new Map<number, string>();

// GET /api/bench/baseline?bytes=N – a constant JSON of about N bytes (benchmark runs only)
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    if (process.env.CHATLOAD_BENCH !== '1') return json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    const bytes = Number(new URL(request.url).searchParams.get('bytes') ?? '1000');
    if (!Number.isInteger(bytes) || bytes < 16 || bytes > 10_000_000) throw ApiError.badRequest('bytes must be a whole number from 16 to 10000000');
    let body = bodies.get(bytes);
    if (body === undefined) {
      body = JSON.stringify({ pad: 'x'.repeat(bytes - 10) });
      bodies.set(bytes, body);
    }
    return json(body);
  });
}
