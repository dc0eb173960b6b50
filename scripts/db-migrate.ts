// npm run db:migrate: brings the configured database — DATABASE_URL, else the SQLite file under
// DATA_DIR (chatload-demo.db without WAMM_TOKEN) — to this chatload's schema, and says the version
// before and after. The server does the same at start; this is for doing it beforehand, on purpose.
import { existsSync } from 'node:fs';
import { openStorage, storageOptionsFromEnv } from '@/lib/storage';
import { readSchemaVersion } from '@/lib/storage/schema-version';

async function main(): Promise<number> {
  // The same files the server reads at start, so the script finds the same database; variables already set win.
  for (const file of ['.env.local', '.env']) if (existsSync(file)) process.loadEnvFile(file);
  const location = storageOptionsFromEnv(process.env);

  const before = await readSchemaVersion(location);
  console.log(`database:      ${before.database}`);
  console.log(`schema before: ${before.version === null ? 'none (a new file)' : before.version === 0 ? '0 (an empty database)' : before.version}`);
  const storage = await openStorage({ ...location, log: { info: () => undefined, warn: (line) => console.error(line) } });
  const health = storage.health();
  await storage.close();
  if (!health.ok) {
    console.error(`db:migrate: ${health.problem}`);
    return 1;
  }
  const after = await readSchemaVersion(location);
  console.log(`schema after:  ${after.version}${after.version === before.version ? ' (already up to date)' : ''}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The message only: it says what is wrong in words, and has been cleared of any password.
    console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
