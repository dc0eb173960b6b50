import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// SIGTERM on a real process: an HTTP server with lib/http/shutdown.mjs, as scripts/serve.mjs runs it,
// and a request that takes its time. The request finishes, nobody new gets in, and the process is
// gone well within the 10 s before an orchestrator's SIGKILL.

const SHUTDOWN = path.resolve(__dirname, 'shutdown.mjs');

const SERVER = `
import http from 'node:http';
import { drainOnSignal } from ${JSON.stringify(SHUTDOWN)};
const slowMs = Number(process.env.SLOW_MS);
const server = http.createServer((request, response) => {
  if (request.url === '/slow') setTimeout(() => response.end('done'), slowMs);
  else response.end('quick');
});
drainOnSignal({
  server,
  drainMs: Number(process.env.DRAIN_MS),
  close: async () => console.log('runtime closed'),
  log: (line) => console.log(line),
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; atMs: number }>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function start(env: { SLOW_MS: number; DRAIN_MS: number }): Promise<Started> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    env: { ...process.env, SLOW_MS: String(env.SLOW_MS), DRAIN_MS: String(env.DRAIN_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; atMs: number }>((resolve) => child.once('exit', (code) => resolve({ code, atMs: performance.now() })));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 10_000);
    child.stdout!.on('data', () => {
      const match = /port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port, output: () => output, exited };
}

function get(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: target, agent: new http.Agent({ keepAlive: true }) }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM', () => {
  it('lets a request in flight finish, takes no new connection, closes the runtime and exits soon after', async () => {
    const server = await start({ SLOW_MS: 1500, DRAIN_MS: 7000 });
    expect((await get(server.port, '/quick')).body).toBe('quick');
    const slow = get(server.port, '/slow');
    await pause(200);
    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    await pause(100);
    await expect(get(server.port, '/quick')).rejects.toThrow(/ECONNREFUSED/);
    expect(await slow).toEqual({ status: 200, body: 'done' });
    const { code, atMs } = await server.exited;
    const stoppedMs = atMs - signalledAt;
    expect(code).toBe(0);
    expect(server.output()).toContain('runtime closed');
    // It waited for the request (1.5 s from its start), and no longer than it had to.
    expect(stoppedMs).toBeGreaterThan(1000);
    expect(stoppedMs).toBeLessThan(3000);
  });

  it('cuts a request that would not finish once the drain time is up, and still exits', async () => {
    const server = await start({ SLOW_MS: 60_000, DRAIN_MS: 800 });
    const hung = get(server.port, '/slow');
    await pause(200);
    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    await expect(hung).rejects.toThrow(/socket hang up|ECONNRESET/);
    const { code, atMs } = await server.exited;
    expect(code).toBe(1);
    expect(atMs - signalledAt).toBeLessThan(2000);
    expect(server.output()).toMatch(/1 request\(s\) still running after 0.8 s/);
    expect(server.output()).toContain('runtime closed');
  });
});
