import { guarded } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { BUILD_ID } from '@/lib/build-id';

export const dynamic = 'force-dynamic';

// GET /api/version – the running build; a wall display reloads itself when it changes
export const GET = guarded('display', async ({ runtime: { config } }) => json({ version: config.version, buildId: config.buildIdOverride ?? BUILD_ID }));
