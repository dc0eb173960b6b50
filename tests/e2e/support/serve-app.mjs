// Starts the built dashboard for the e2e run against the simulator, as a real deployment would
// run (WAMM_TOKEN set, WAMM_API_URL pointing at it), and keeps its whole log for the leak test.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const [port, logFile] = process.argv.slice(2);
mkdirSync(path.dirname(path.join(root, logFile)), { recursive: true });
const log = createWriteStream(path.join(root, logFile), { flags: 'a' });
// Every run starts with no snapshots and no history.
if (process.env.DATA_DIR) rmSync(path.resolve(root, process.env.DATA_DIR), { recursive: true, force: true });
const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
  cwd: root,
  env: { ...process.env, PORT: port, HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  log.end();
  process.exit(code ?? 0);
});
