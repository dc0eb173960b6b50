// npm run simulator: the wamm.chat simulator alone, for trying chatload against it from another
// process or for the e2e tests. Flags override the environment:
//   --port / SIM_PORT (4010)   --token / SIM_TOKEN (demo-token)   --timezone / SIM_TIMEZONE
//   --dataset / SIM_DATASET (demo | empty | over900)   --seed / SIM_SEED   --live / SIM_LIVE (1 | 0)
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import type { DatasetName } from './world';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    token: { type: 'string' },
    timezone: { type: 'string' },
    dataset: { type: 'string' },
    seed: { type: 'string' },
    live: { type: 'string' },
  },
});

const env = process.env;
const port = Number(values.port ?? env.SIM_PORT ?? 4010);
const datasetArg = values.dataset ?? env.SIM_DATASET ?? 'demo';
const timezone = values.timezone ?? env.SIM_TIMEZONE ?? 'Europe/Moscow';
const DATASETS: readonly DatasetName[] = ['demo', 'empty', 'over900'];
const dataset = DATASETS.find((name) => name === datasetArg);
if (!dataset) {
  console.error(`simulator: --dataset must be demo, empty or over900, not "${datasetArg}"`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('simulator: --port must be a port number');
  process.exit(2);
}

async function main(): Promise<void> {
  const simulator = await startSimulator({
    port,
    token: values.token ?? env.SIM_TOKEN ?? 'demo-token',
    timezone,
    dataset,
    seed: Number(values.seed ?? env.SIM_SEED ?? 42),
    live: (values.live ?? env.SIM_LIVE ?? '1') !== '0',
  });
  console.log(`wamm.chat simulator listening on ${simulator.url} (dataset ${dataset}, timezone ${timezone})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void simulator.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
