import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A second dashboard process with its own configuration, for states the shared one can't be put
// in: demo mode, or an upstream that has never answered.

export interface ExtraApp {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startExtraApp(port: number, env: Record<string, string>): Promise<ExtraApp> {
  const root = path.resolve(__dirname, '../../..');
  const serve = path.join(root, 'scripts', 'serve.mjs');
  const baseEnv = { ...process.env };
  // An extra server keeps its own data: never the main server's database on the PostgreSQL pass.
  for (const key of ['WAMM_TOKEN', 'WAMM_API_URL', 'WAMM_TIMEZONE', 'REFRESH_SECONDS', 'DATA_DIR', 'DATABASE_URL', 'E2E_DATABASE_URL']) delete baseEnv[key];
  // Each extra server keeps its snapshots and history in a directory of its own unless told otherwise.
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'chatload-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [serve], {
    cwd: root,
    env: { ...baseEnv, DATA_DIR: dataDir, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`extra app did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
