import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// What a production build serves: the benchmark's yardstick route (/api/bench/baseline) must not be
// in it. It is in the build `npm run bench` makes for itself, and nowhere else.

const root = path.resolve(__dirname, '../..');

/** next.config.js as `next build` would load it with this environment. */
function buildConfig(env: Record<string, string>): { pageExtensions: string[]; distDir: string } {
  const script = "const c = require('./next.config.js'); process.stdout.write(JSON.stringify({ pageExtensions: c.pageExtensions, distDir: c.distDir }))";
  const environment: Record<string, string | undefined> = { ...process.env, CHATLOAD_BENCH: undefined, CHATLOAD_DIST_DIR: undefined, ...env };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, env: environment as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as {
    pageExtensions: string[];
    distDir: string;
  };
}

/** The URL paths that app/ files make routes of, with these page extensions (Next's default when none). */
function apiRoutes(pageExtensions: string[] | undefined): string[] {
  const extensions = pageExtensions ?? ['tsx', 'ts', 'jsx', 'js'];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((extension) => name === `route.${extension}`)) found.push(`/${path.relative(path.join(root, 'app'), dir).split(path.sep).join('/')}`);
    }
  };
  walk(path.join(root, 'app', 'api'));
  return found;
}

describe('the routes of a build', () => {
  it('a normal build has no /api/bench route; the bench build has its baseline, in a folder of its own', () => {
    const normal = buildConfig({});
    expect(normal.distDir ?? '.next').toBe('.next');
    const normalRoutes = apiRoutes(normal.pageExtensions);
    expect(normalRoutes).toContain('/api/load');
    expect(normalRoutes.filter((route) => route.startsWith('/api/bench'))).toEqual([]);

    const bench = buildConfig({ CHATLOAD_BENCH: '1', CHATLOAD_DIST_DIR: '.next-bench' });
    expect(bench.distDir).toBe('.next-bench');
    expect(apiRoutes(bench.pageExtensions)).toContain('/api/bench/baseline');
  });

  it('refuses to build the bench build into the normal build folder', () => {
    expect(() => buildConfig({ CHATLOAD_BENCH: '1' })).toThrow(/its own CHATLOAD_DIST_DIR/);
  });

  // Only when a normal build is there to read (after npm run build or npm start).
  const manifest = path.join(root, '.next', 'app-path-routes-manifest.json');
  it.runIf(existsSync(manifest))('the normal build in .next lists no /api/bench route', () => {
    const routes = Object.values(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>);
    expect(routes).toContain('/api/load');
    expect(routes.filter((route) => route.startsWith('/api/bench'))).toEqual([]);
  });
});
