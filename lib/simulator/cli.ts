// npm run simulator: the wamm.chat simulator alone, for trying chatload against it from another
// process and for the e2e run. Flags override the environment:
//   --port / SIM_PORT (4010)   --token / SIM_TOKEN (demo-token)   --timezone / SIM_TIMEZONE (Europe/Moscow)
//   --dataset / SIM_DATASET (demo | empty | over900)   --seed / SIM_SEED (42)   --live / SIM_LIVE (1 | 0)
//   --tick-ms / SIM_TICK_MS (5000)
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import { DATASETS } from './world';

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(2);
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) fail(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      timezone: { type: 'string' },
      dataset: { type: 'string' },
      seed: { type: 'string' },
      live: { type: 'string' },
      'tick-ms': { type: 'string' },
    },
  });
  const env = process.env;
  const datasetText = values.dataset ?? env.SIM_DATASET ?? 'demo';
  const dataset = DATASETS.find((name) => name === datasetText) ?? fail(`--dataset must be one of ${DATASETS.join(', ')}, not "${datasetText}"`);
  const liveText = values.live ?? env.SIM_LIVE ?? '1';
  if (liveText !== '0' && liveText !== '1') fail(`--live must be 1 or 0, not "${liveText}"`);
  const timezone = values.timezone ?? env.SIM_TIMEZONE ?? 'Europe/Moscow';
  const token = values.token ?? env.SIM_TOKEN ?? 'demo-token';
  if (token === '') fail('--token must not be empty');

  const simulator = await startSimulator({
    port: wholeNumber('--port', values.port ?? env.SIM_PORT ?? '4010', 0, 65_535),
    token,
    timezone,
    dataset,
    seed: wholeNumber('--seed', values.seed ?? env.SIM_SEED ?? '42', 0, 2 ** 32 - 1),
    live: liveText === '1',
    tickMs: wholeNumber('--tick-ms', values['tick-ms'] ?? env.SIM_TICK_MS ?? '5000', 10, 3_600_000),
  });
  // The token stays out of the output: this line ends up in CI logs.
  console.log(`wamm.chat simulator listening on ${simulator.url} (dataset ${dataset}, timezone ${timezone})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void simulator.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
