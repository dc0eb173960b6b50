// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The build id is the package version plus the git commit when there is one; the wall display
  // compares it to reload itself after a deploy.
  serverExternalPackages: [],
  // Tests and the benchmark run the production server from a separate build directory so a
  // developer's own `.next` is left alone.
  distDir: process.env.CHATLOAD_DIST_DIR || '.next',
};

module.exports = nextConfig;
