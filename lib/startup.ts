import 'server-only';
import { ConfigError } from '@/lib/config';
import { log } from '@/lib/log';
import { SHUTDOWN_KEY } from '@/lib/http/shutdown.mjs';
import { getRuntime, replaceRuntime } from '@/lib/runtime';

/** Server start: a wrong configuration ends the process with a message naming the variable. */
export async function startServer(): Promise<void> {
  try {
    const runtime = await getRuntime();
    runtime.store.refreshIfDue();
    // scripts/serve.mjs closes the runtime once the requests in flight have finished on SIGTERM.
    (globalThis as { [SHUTDOWN_KEY]?: () => Promise<void> })[SHUTDOWN_KEY] = () => replaceRuntime(null);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    log.error(`start-up failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    throw error;
  }
}
