// `npm start`: builds when there is no build yet or the sources changed since the last one, then
// serves the dashboard (demo mode when WAMM_TOKEN is not set) on PORT, default 3000.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import buildSources from './build-sources.cjs';

const { newestSourceChange } = buildSources;
const root = path.resolve(import.meta.dirname, '..');
const distDir = process.env.CHATLOAD_DIST_DIR || '.next';
const buildId = path.join(root, distDir, 'BUILD_ID');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = newestSourceChange(root);
if (builtAt < changedAt) {
  console.log(builtAt === 0 ? 'chatload: building (first start)…' : 'chatload: sources changed, building again…');
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
