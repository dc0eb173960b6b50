// @ts-check
const { sourceHash } = require('./scripts/build-sources.cjs');
const createNextIntlPlugin = require('next-intl/plugin');
const { version } = require('./package.json');

// The build id names the code, not the moment: a hash of the sources, the same however often this
// file is loaded during one build. Wall displays compare it with the server's to reload after a deploy.
const buildId = `${version}-${sourceHash(__dirname)}`;

// `npm run bench` builds with CHATLOAD_BENCH=1 into a folder of its own: only that build takes
// `*.bench.ts` files as routes (the benchmark's yardstick route), so no normal build has them.
const distDir = process.env.CHATLOAD_DIST_DIR || '.next';
const benchBuild = process.env.CHATLOAD_BENCH === '1';
if (benchBuild && distDir === '.next') {
  throw new Error('CHATLOAD_BENCH=1 builds the benchmark build: give it its own CHATLOAD_DIST_DIR, not .next');
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir,
  pageExtensions: ['tsx', 'ts', 'jsx', 'js', ...(benchBuild ? ['bench.ts'] : [])],
  // The bench build measures; the code it builds is type-checked by `npm run typecheck` and every
  // normal build. Its own tsconfig keeps Next from rewriting the project's for another folder.
  ...(benchBuild ? { typescript: { ignoreBuildErrors: true, tsconfigPath: 'tests/bench/tsconfig.build.json' } } : {}),
  generateBuildId: async () => buildId,
  env: { NEXT_PUBLIC_CHATLOAD_BUILD_ID: buildId },
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'pg', 'ioredis'],
  // On every response; pages also get a Content-Security-Policy with a nonce from proxy.ts.
  async headers() {
    const everywhere = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'no-referrer' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
    ];
    return [
      { source: '/:path*', headers: everywhere },
      // JSON and files are never pages: nothing in them may run, and no site may frame them.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// next-intl finds each request's language and catalogue in lib/i18n/request.ts.
module.exports = createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
