// Stopping `npm start` (scripts/serve.mjs) on SIGTERM or SIGINT without cutting anyone off, within
// the 10 s an orchestrator gives before SIGKILL (Docker's and Kubernetes' default):
//
//  1. stop accepting connections at once: a load balancer's next try goes to another instance;
//  2. let the requests in flight finish, closing each kept-alive connection as soon as it is idle
//     (a response sent while draining says `Connection: close`);
//  3. past `drainMs`, close whatever is left (a request waiting on a hung upstream);
//  4. close the app's runtime (background jobs, the Redis lease, the database pool), bounded too;
//  5. exit. A second signal, or `hardMs`, exits at once.
//
// Plain JavaScript so that node runs it without a build; its types are in shutdown.d.mts.

/** Where the app leaves its closing function for the server (lib/startup.ts sets it). */
export const SHUTDOWN_KEY = Symbol.for('chatload.shutdown');

const DEFAULTS = { drainMs: 7000, closeMs: 2000, hardMs: 9500 };

/**
 * Tracks the server's requests and installs the signal handlers.
 * @param {{ server: import('node:http').Server, close?: () => Promise<unknown>, drainMs?: number, closeMs?: number, hardMs?: number, log?: (line: string) => void, exit?: (code: number) => void, signals?: string[] }} options
 */
export function drainOnSignal(options) {
  const { server } = options;
  const drainMs = options.drainMs ?? DEFAULTS.drainMs;
  const closeMs = options.closeMs ?? DEFAULTS.closeMs;
  const hardMs = options.hardMs ?? DEFAULTS.hardMs;
  const log = options.log ?? ((line) => console.log(line));
  const exit = options.exit ?? ((code) => process.exit(code));
  let inFlight = 0;
  let draining = false;
  /** @type {(() => void) | null} */
  let onIdle = null;

  server.on('request', (request, response) => {
    inFlight++;
    if (draining && !response.headersSent) response.setHeader('connection', 'close');
    response.once('close', () => {
      inFlight--;
      if (draining) server.closeIdleConnections();
      if (inFlight === 0) onIdle?.();
    });
  });

  const bounded = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

  async function shutdown(signal) {
    if (draining) {
      log(`chatload: ${signal} again, stopping now`);
      return exit(1);
    }
    draining = true;
    const startedAt = performance.now();
    setTimeout(() => {
      log('chatload: could not stop in time, exiting');
      exit(1);
    }, hardMs).unref();
    log(`chatload: ${signal}: not taking new connections; finishing ${inFlight} request(s) in flight`);
    server.close();
    server.closeIdleConnections();
    if (inFlight > 0) await bounded(new Promise((resolve) => (onIdle = resolve)), drainMs);
    const cut = inFlight;
    if (cut > 0) {
      log(`chatload: ${cut} request(s) still running after ${drainMs / 1000} s, closing their connections`);
      server.closeAllConnections();
    }
    try {
      if (options.close) await bounded(options.close(), closeMs);
    } catch (error) {
      log(`chatload: while stopping: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
    log(`chatload: stopped in ${Math.round(performance.now() - startedAt)} ms`);
    exit(cut > 0 ? 1 : 0);
  }

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown(signal));
  return { inFlight: () => inFlight, shutdown };
}
