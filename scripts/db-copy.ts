// npm run db:copy -- --from data/chatload.db --to postgres://…  [--force]
// Copies a team's SQLite file (snapshots, history, display keys, sessions, audit log, settings)
// into PostgreSQL, migrating both first, in one transaction, and checks the counts at the end. A
// target that already holds data is left alone unless --force. Without --from/--to the configured
// file and DATABASE_URL are used — better for the URL, which then stays out of the process list.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { storageOptionsFromEnv } from '@/lib/storage';
import { copySqliteToPostgres } from '@/lib/storage/copy';

const USAGE = 'usage: npm run db:copy -- [--from <SQLite file>] [--to <postgres:// URL>] [--force]';

async function main(): Promise<number> {
  for (const file of ['.env.local', '.env']) if (existsSync(file)) process.loadEnvFile(file);
  const location = storageOptionsFromEnv(process.env);
  let args: { from?: string; to?: string; force?: boolean; help?: boolean };
  try {
    ({ values: args } = parseArgs({
      options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.help === true) {
    console.log(USAGE);
    return 0;
  }
  const to = args.to ?? location.databaseUrl;
  if (to === null) {
    console.error(`db:copy: say where to copy to: --to postgres://… or DATABASE_URL\n${USAGE}`);
    return 2;
  }

  const started = Date.now();
  const counts = await copySqliteToPostgres({ from: args.from ?? location.sqliteFile, to, force: args.force === true, say: (line) => console.log(line) });
  console.log(`\ncopied in ${((Date.now() - started) / 1000).toFixed(1)} s; counts checked on both sides:`);
  for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(16)}${count.toLocaleString('en-US').padStart(12)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The message only: it says what is wrong in words, and has been cleared of any password.
    console.error(`db:copy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
