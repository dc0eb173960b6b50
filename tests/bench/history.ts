// npm run bench:history: the size and speed of minute history in the SQLite file and, when one is
// reachable, in PostgreSQL. Not a test: it prints figures; nothing passes or fails on timing (the
// aims are under 20 ms to write a minute's tick and under 100 ms per trend query).
//
// Fills a fresh database with 30 days of one-minute samples for the total, 60 operators, the
// unassigned row, 3 channels and 10 teams (with their capacity and critical counts), as the
// recorder writes them, then times writing one more tick and 24 h and 7 d trends of the total, one
// team, one operator and every operator.
//   BENCH_DAYS=30                       days of history
//   TEST_DATABASE_URL=postgres://…      a server to make the benchmark's database on (dropped after)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { trendRange } from '@/lib/history/query';
import { describeDatabaseUrl, openStorage, type StorageOptions } from '@/lib/storage';
import type { HistoryQuery, HistorySample, Storage } from '@/lib/storage/types';

const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const SERVER_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const OPERATORS = 60;
const CHANNELS = 3;
const TEAMS = 10;
const RUNS = 20;
const TICKS = 20;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 86_400_000;
const END_MS = Date.UTC(2026, 10, 28, 12, 0, 0);

// Deterministic, believable load: a daily wave per operator plus noise.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One minute's tick as the recorder writes it. */
function tick(atMs: number, next: () => number): HistorySample[] {
  const samples: HistorySample[] = [];
  const minuteOfDay = Math.floor((atMs % DAY_MS) / MINUTE_MS);
  const wave = Math.max(0, Math.sin(((minuteOfDay - 360) / 1440) * 2 * Math.PI));
  let total = 0;
  let oldestOfAll: number | null = null;
  const teamOpen = new Array<number>(TEAMS).fill(0);
  const add = (scope: HistorySample['scope'], scopeId: string, open: number) => {
    const oldest = open === 0 ? null : Math.floor(next() * 20_000);
    const buckets = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < open; i++) buckets[Math.floor(next() * 6)]!++;
    samples.push({ atMs, scope, scopeId, openChats: open, oldestAgeSeconds: oldest, buckets });
    return oldest;
  };
  for (let op = 1; op <= OPERATORS; op++) {
    const open = Math.round(wave * 12 * next());
    total += open;
    teamOpen[op % TEAMS]! += open;
    const oldest = add('operator', String(op), open);
    if (oldest !== null && (oldestOfAll === null || oldest > oldestOfAll)) oldestOfAll = oldest;
  }
  add('operator', '0', Math.round(next() * 3));
  for (let ch = 1; ch <= CHANNELS; ch++) add('channel', `channel-${ch}`, Math.round(total / CHANNELS));
  for (let team = 0; team < TEAMS; team++) {
    add('team', `team-${team}`, teamOpen[team]!);
    samples.push({ atMs, scope: 'team_capacity', scopeId: `team-${team}`, openChats: 40, oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] });
    samples.push({ atMs, scope: 'team_critical', scopeId: `team-${team}`, openChats: Math.floor(teamOpen[team]! / 10), oldestAgeSeconds: null, buckets: [0, 0, 0, 0, 0, 0] });
  }
  samples.push({ atMs, scope: 'total', scopeId: '', openChats: total, oldestAgeSeconds: oldestOfAll, buckets: [0, 0, 0, 0, 0, 0] });
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function timeQuery(storage: Storage, query: HistoryQuery): Promise<{ ms: number; series: number; points: number }> {
  const durations: number[] = [];
  let series = 0;
  let points = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = await storage.history.query(query);
    durations.push(performance.now() - start);
    series = result.length;
    points = result.reduce((sum, s) => sum + s.points.length, 0);
  }
  return { ms: median(durations), series, points };
}

interface Backend {
  name: string;
  options: StorageOptions;
  /** Bytes on disk, after whatever housekeeping makes the figure fair (checkpoint, vacuum). */
  size(storage: Storage): Promise<{ bytes: number; storage: Storage }>;
  drop(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chatload-bench-history-'));
  const file = path.join(dir, 'chatload.db');
  return {
    name: 'SQLite',
    options: { databaseUrl: null, sqliteFile: file },
    async size(storage) {
      // The last connection checkpoints the WAL into the file and removes it.
      await storage.close();
      const bytes = statSync(file).size;
      return { bytes, storage: await openStorage({ databaseUrl: null, sqliteFile: file }) };
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresBackend(): Promise<Backend | string> {
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const name = `chatload_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    name: 'PostgreSQL',
    options: { databaseUrl, sqliteFile: 'unused.db' },
    async size(storage) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      // As autovacuum would leave it: dead row versions of the sums' updates reclaimed, statistics fresh.
      await client.query('VACUUM ANALYZE');
      const result = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      await client.end();
      return { bytes: Number(result.rows[0]!.bytes), storage };
    },
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function bench(backend: Backend): Promise<void> {
  let storage = await openStorage(backend.options);
  if (!storage.health().ok) throw new Error(`${backend.name}: ${storage.health().problem}`);
  const next = random(42);
  let rows = 0;
  const fillStart = performance.now();
  const startMs = END_MS - DAYS * DAY_MS;
  // A backfill an hour per call; the recorder itself writes one minute per call (timed below).
  for (let hourMs = startMs; hourMs < END_MS - HOUR_MS; hourMs += HOUR_MS) {
    const samples: HistorySample[] = [];
    for (let minute = 0; minute < 60; minute++) samples.push(...tick(hourMs + minute * MINUTE_MS, next));
    await storage.history.insert(samples);
    rows += samples.length;
  }
  const fillMs = performance.now() - fillStart;

  const tickDurations: number[] = [];
  let tickRows = 0;
  for (let minute = 60 - TICKS; minute < 60; minute++) {
    const samples = tick(END_MS - HOUR_MS + minute * MINUTE_MS, next);
    const start = performance.now();
    await storage.history.insert(samples);
    tickDurations.push(performance.now() - start);
    tickRows = samples.length;
    rows += samples.length;
  }
  const sized = await backend.size(storage);
  storage = sized.storage;

  console.log(`\n${backend.name}: ${DAYS} d × (total + ${OPERATORS} operators + unassigned + ${CHANNELS} channels + ${TEAMS} teams × 3), one sample a minute`);
  console.log(`  rows          ${rows.toLocaleString('en-US')}`);
  console.log(`  fill          ${(fillMs / 1000).toFixed(1)} s (${Math.round(rows / (fillMs / 1000)).toLocaleString('en-US')} rows/s, an hour per insert)`);
  console.log(`  one tick      ${median(tickDurations).toFixed(1)} ms median of ${TICKS} (${tickRows} rows, one transaction)`);
  console.log(`  size          ${(sized.bytes / 1024 / 1024).toFixed(1)} MB (${(sized.bytes / rows).toFixed(1)} bytes/row)\n`);

  const nowMs = END_MS - 1;
  const table: string[] = [];
  table.push(`  ${'query'.padEnd(16)}${'range'.padEnd(7)}${'step'.padEnd(8)}${'series'.padStart(7)}${'points'.padStart(8)}${'median ms'.padStart(11)}`);
  for (const [rangeName, rangeMs] of [['24 h', DAY_MS], ['7 d', 7 * DAY_MS]] as const) {
    const range = trendRange(nowMs, rangeMs);
    const cases: Array<[string, HistoryQuery]> = [
      ['total', { scope: 'total', ...range }],
      ['one team', { scope: 'team', scopeId: 'team-3', ...range }],
      ['one operator', { scope: 'operator', scopeId: '17', ...range }],
      ['every operator', { scope: 'operator', ...range }],
    ];
    for (const [name, query] of cases) {
      const { ms, series, points } = await timeQuery(storage, query);
      table.push(
        `  ${name.padEnd(16)}${rangeName.padEnd(7)}${`${range.stepMs / MINUTE_MS} min`.padEnd(8)}${String(series).padStart(7)}${String(points).padStart(8)}${ms.toFixed(1).padStart(11)}`,
      );
    }
  }
  console.log(table.join('\n'));

  const pruneStart = performance.now();
  const pruned = await storage.history.prune(END_MS - 7 * DAY_MS - 17 * MINUTE_MS);
  console.log(`\n  prune to 7 d: ${pruned.toLocaleString('en-US')} rows in ${((performance.now() - pruneStart) / 1000).toFixed(1)} s`);
  await storage.close();
}

async function main() {
  const sqlite = sqliteBackend();
  try {
    await bench(sqlite);
  } finally {
    await sqlite.drop();
  }
  const postgres = await postgresBackend();
  if (typeof postgres === 'string') {
    console.log(`\nPostgreSQL: skipped, no server at ${describeDatabaseUrl(SERVER_URL)} (${postgres})`);
    return;
  }
  try {
    await bench(postgres);
  } finally {
    await postgres.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
