import { handle, json } from '@/lib/api/respond';
import { BUILD_ID } from '@/lib/build-id';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// GET /api/version – the running build; a wall display reloads itself when it changes
export async function GET(): Promise<Response> {
  return handle(async () => {
    const { config } = await getRuntime();
    return json({ version: config.version, buildId: config.buildIdOverride ?? BUILD_ID });
  });
}
