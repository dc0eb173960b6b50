// The production build for the e2e run, made with the test token in the environment: the secrets
// test then proves that nothing of the token is baked into the build output.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { E2E_TOKEN } from './env';

const root = path.resolve(__dirname, '../../..');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const result = spawnSync(process.execPath, [next, 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', WAMM_TOKEN: E2E_TOKEN, WAMM_API_URL: 'http://127.0.0.1:4310/api2' },
});
process.exit(result.status ?? 1);
