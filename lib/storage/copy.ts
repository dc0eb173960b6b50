// Moving a team from its SQLite file to PostgreSQL (npm run db:copy): every table copied in one
// PostgreSQL transaction from one read of the file, so the copy is whole or nothing, and counted
// on both sides at the end. Both schemas use the same table and column names; only a few values
// change form (0/1 to booleans, a JSON list to an array).
import { existsSync } from 'node:fs';
import pg from 'pg';
import { StorageUnavailableError } from './errors';
import { openPostgresStorage } from './postgres/storage';
import { describeDatabaseUrl, isPostgresUrl, withoutPassword } from './postgres/url';
import { connect } from './sqlite/database';
import { migrate, schemaVersion } from './sqlite/migrations';
import { describeSqliteFile } from './sqlite/storage';

interface Column {
  name: string;
  /** The PostgreSQL type the batch is sent as (an array of it). */
  type: string;
  /** The SQLite value as it is sent. */
  convert?: (value: unknown) => unknown;
  /** The stored value, in SQL, from the sent one `u.<name>`. */
  stored?: string;
}

interface Table {
  name: string;
  /** Copied in key order, so a batch writes neighbouring index pages. */
  order: string;
  columns: Column[];
  /** Rows per statement: few for snapshots, whose data can be megabytes. */
  batch: number;
  /** The audit log keeps its sequence numbers (the order of equal times). */
  keepsIdentity?: boolean;
}

function allowlist(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

const text = (name: string): Column => ({ name, type: 'text' });
const bigint = (name: string): Column => ({ name, type: 'bigint' });
const integer = (name: string): Column => ({ name, type: 'integer' });

const TABLES: readonly Table[] = [
  {
    name: 'snapshots',
    order: 'id',
    batch: 50,
    columns: [
      text('id'), bigint('created_at_ms'), bigint('as_of_ms'), text('label'), text('saved_by'), text('trigger_kind'),
      text('filter_channel'), text('filter_user'), text('filter_team'), integer('open_chats'), integer('operators'),
      integer('oldest_age_seconds'), { name: 'complete', type: 'boolean', convert: (value) => value === 1 }, text('data'),
    ],
  },
  {
    name: 'history',
    order: 'scope, scope_id, at',
    batch: 10_000,
    columns: [
      { name: 'scope', type: 'smallint' }, text('scope_id'), integer('at'), integer('open'), integer('oldest'),
      integer('b0'), integer('b1'), integer('b2'), integer('b3'), integer('b4'), integer('b5'),
    ],
  },
  {
    name: 'history_rollup',
    order: 'width, scope, scope_id, slot',
    batch: 10_000,
    columns: [
      { name: 'width', type: 'smallint' }, { name: 'scope', type: 'smallint' }, text('scope_id'), integer('slot'),
      integer('open_sum'), integer('open_max'), integer('oldest_max'), integer('samples'),
    ],
  },
  {
    name: 'history_ids',
    order: 'scope, scope_id',
    batch: 10_000,
    columns: [{ name: 'scope', type: 'smallint' }, text('scope_id'), integer('first_at'), integer('last_at')],
  },
  {
    name: 'display_keys',
    order: 'id',
    batch: 1000,
    columns: [
      text('id'), text('label'), text('key_hash'),
      // Sent as JSON text: unnest() would flatten an array of arrays.
      {
        name: 'ip_allowlist',
        type: 'text',
        convert: (value) => JSON.stringify(allowlist(value)),
        stored: 'ARRAY(SELECT jsonb_array_elements_text(u.ip_allowlist::jsonb))',
      },
      bigint('created_at_ms'), text('created_by'), bigint('revoked_at_ms'), bigint('last_seen_ms'),
    ],
  },
  {
    name: 'sessions',
    order: 'id',
    batch: 1000,
    columns: [
      text('id'), text('account'), text('role'), text('display_key_id'), text('credential'), bigint('created_at_ms'),
      bigint('seen_at_ms'), bigint('expires_at_ms'), bigint('revoked_at_ms'), text('address'), text('user_agent'),
    ],
  },
  {
    name: 'audit_log',
    order: 'seq',
    batch: 5000,
    keepsIdentity: true,
    columns: [
      bigint('seq'), bigint('at_ms'), text('actor'), text('role'), text('action'), text('detail'), text('address'),
      integer('count'), bigint('last_at_ms'),
    ],
  },
  {
    name: 'documents',
    order: 'name',
    batch: 1000,
    columns: [text('name'), text('json'), integer('revision'), bigint('updated_at_ms'), text('updated_by')],
  },
  {
    name: 'moves',
    order: 'at_ms, id',
    batch: 2000,
    columns: [
      text('id'), bigint('at_ms'), text('trigger_kind'), text('actor'), text('chat_id'), text('from_operator_id'), text('to_operator_id'),
      text('reason'), text('status'), text('outcome'), text('undo_of'), bigint('undone_at_ms'),
    ],
  },
];

/** What the copy says it moved: rows per table, the same on both sides. */
export type CopyCounts = Record<string, number>;

export interface CopyOptions {
  /** The SQLite file. */
  from: string;
  /** A postgres:// URL. */
  to: string;
  /** Replace whatever the target holds; without it a target with data is left alone. */
  force?: boolean;
  /** Progress lines, without credentials. */
  say: (line: string) => void;
}

/** The target holds data and --force was not given; nothing was changed. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

function insertStatement(table: Table): string {
  const names = table.columns.map((c) => c.name);
  const selected = table.columns.map((c) => c.stored ?? `u.${c.name}`);
  const arrays = table.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return `INSERT INTO ${table.name} (${names.join(', ')}) ${table.keepsIdentity ? 'OVERRIDING SYSTEM VALUE ' : ''}
    SELECT ${selected.join(', ')} FROM unnest(${arrays}) AS u (${names.join(', ')})`;
}

async function countTarget(client: pg.ClientBase): Promise<CopyCounts> {
  const counts: CopyCounts = {};
  for (const table of TABLES) {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name}`);
    counts[table.name] = Number(result.rows[0]!.n);
  }
  return counts;
}

/**
 * Copies every table from the SQLite file into PostgreSQL, migrating both first. Throws
 * CopyRefusedError (changing nothing) when the target holds data and `force` is not set, and an
 * Error when the counts do not match afterwards.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyCounts> {
  const { from, to, say } = options;
  if (!isPostgresUrl(to)) throw new Error('the target must be a PostgreSQL URL starting with postgres:// or postgresql://');
  const source = describeSqliteFile(from);
  const target = `PostgreSQL ${describeDatabaseUrl(to)}`;
  if (!existsSync(from)) throw new Error(`there is no SQLite file at ${source}`);

  const db = connect(from);
  try {
    const before = schemaVersion(db);
    await migrate(db, source);
    say(`from: SQLite file ${source} (schema ${before === schemaVersion(db) ? before : `${before}, brought to ${schemaVersion(db)}`})`);

    // Migrates the target the way chatload's start would, then steps aside for one long transaction.
    const storage = await openPostgresStorage(to);
    const health = storage.health();
    await storage.close();
    if (!health.ok) throw new StorageUnavailableError(health.problem ?? `${target} is failing`);
    say(`to:   ${target} (schema up to date)`);

    const client = new pg.Client({ connectionString: to, application_name: 'chatload db:copy' });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to ${target}: ${withoutPassword(error instanceof Error ? error.message : String(error), to)}`);
    }
    try {
      // One read transaction on the file: every table as of the same moment, even while chatload writes to it.
      db.exec('BEGIN');
      const counts: CopyCounts = {};
      for (const table of TABLES) counts[table.name] = db.prepare<[], number>(`SELECT count(*) FROM ${table.name}`).pluck().get()!;

      await client.query('BEGIN');
      await client.query(`SET LOCAL statement_timeout = 0`);
      // Nobody writes to the tables while they are being filled (a chatload already pointed at them waits).
      await client.query(`LOCK TABLE ${TABLES.map((t) => t.name).join(', ')} IN EXCLUSIVE MODE`);
      const held = await countTarget(client);
      const nonEmpty = Object.entries(held).filter(([, n]) => n > 0);
      if (nonEmpty.length > 0) {
        const what = nonEmpty.map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ');
        if (options.force !== true) {
          await client.query('ROLLBACK');
          throw new CopyRefusedError(`${target} already holds data (${what}); nothing was copied. Give --force to replace it.`);
        }
        say(`--force: replacing what ${target} holds (${what})`);
        await client.query(`TRUNCATE ${TABLES.map((t) => t.name).join(', ')} RESTART IDENTITY`);
      }

      for (const table of TABLES) {
        const total = counts[table.name]!;
        const statement = insertStatement(table);
        const rows = db.prepare(`SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${table.name} ORDER BY ${table.order}`).raw();
        let batch: unknown[][] = table.columns.map(() => []);
        let copied = 0;
        let reported = 0;
        const flush = async () => {
          if (batch[0]!.length === 0) return;
          await client.query(statement, batch);
          copied += batch[0]!.length;
          batch = table.columns.map(() => []);
          if (copied - reported >= 250_000) {
            reported = copied;
            say(`  ${table.name}: ${copied.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
          }
        };
        for (const row of rows.iterate() as IterableIterator<unknown[]>) {
          table.columns.forEach((column, i) => batch[i]!.push(column.convert ? column.convert(row[i]) : row[i]));
          if (batch[0]!.length >= table.batch) await flush();
        }
        await flush();
        say(`  ${table.name}: ${copied.toLocaleString('en-US')} rows`);
      }
      await client.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), coalesce(max(seq), 0) + 1, false) FROM audit_log`);
      await client.query('COMMIT');
      db.exec('COMMIT');

      const copied = await countTarget(client);
      const wrong = TABLES.filter((t) => copied[t.name] !== counts[t.name]);
      if (wrong.length > 0) {
        throw new Error(`the copy does not match: ${wrong.map((t) => `${t.name} ${counts[t.name]} in the file, ${copied[t.name]} in ${target}`).join('; ')}`);
      }
      return counts;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (db.inTransaction) db.exec('ROLLBACK');
      if (error instanceof Error) error.message = withoutPassword(error.message, to);
      throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    db.close();
  }
}
