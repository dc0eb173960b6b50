// @ts-check
// What a build is made of, listed once: `npm start` rebuilds when one of these changed since the last
// build (scripts/start.mjs), and the build id that wall displays compare is a hash of them
// (next.config.js). A file Next reads that is missing here neither rebuilds nor reloads displays.
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const BUILD_SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/build-sources.cjs',
  'scripts/build-sources.d.cts',
];

/** @param {string} entry @param {(file: string) => void} visit @param {(folder: string) => void} [visitFolder] */
function walk(entry, visit, visitFolder) {
  if (!existsSync(entry)) return;
  if (!statSync(entry).isDirectory()) return visit(entry);
  visitFolder?.(entry);
  for (const name of readdirSync(entry).sort()) {
    if (!name.startsWith('.') && name !== 'node_modules') walk(path.join(entry, name), visit, visitFolder);
  }
}

/** A short hash of every source's path and content: the same for the same code, however often taken. */
function sourceHash(root) {
  const hash = createHash('sha256');
  for (const source of BUILD_SOURCES) {
    walk(path.join(root, source), (file) => {
      hash.update(path.relative(root, file));
      hash.update(readFileSync(file));
    });
  }
  return hash.digest('hex').slice(0, 12);
}

/** The newest modification time (ms) among the sources and their folders (a deleted file counts); 0 when there are none. */
function newestSourceChange(root) {
  let newest = 0;
  const see = (/** @type {string} */ entry) => {
    newest = Math.max(newest, statSync(entry).mtimeMs);
  };
  for (const source of BUILD_SOURCES) walk(path.join(root, source), see, see);
  return newest;
}

module.exports = { BUILD_SOURCES, sourceHash, newestSourceChange };
