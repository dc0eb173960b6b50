// npm run bench:history: the size and speed of minute history in SQLite. Not a test: it prints
// figures; nothing passes or fails on timing (the aim is under 100 ms per trend query).
//
// Fills a fresh file with 30 days of one-minute samples for the total, 60 operators and 3
// channels, then times 24 h and 7 d trends of the total, one operator and every operator.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { trendRange } from '@/lib/history/query';
import { openStorage, DATABASE_FILE } from '@/lib/storage';
import type { HistoryQuery, HistorySample, Storage } from '@/lib/storage/types';

const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const OPERATORS = 60;
const CHANNELS = 3;
const RUNS = 20;
const MINUTE_MS = 60_000;
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

function sampleDay(dayStartMs: number, next: () => number): HistorySample[] {
  const samples: HistorySample[] = [];
  for (let minute = 0; minute < 1440; minute++) {
    const atMs = dayStartMs + minute * MINUTE_MS;
    const wave = Math.max(0, Math.sin(((minute - 360) / 1440) * 2 * Math.PI));
    let total = 0;
    let oldestOfAll: number | null = null;
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
      const oldest = add('operator', String(op), open);
      if (oldest !== null && (oldestOfAll === null || oldest > oldestOfAll)) oldestOfAll = oldest;
    }
    add('operator', '0', Math.round(next() * 3));
    for (let ch = 1; ch <= CHANNELS; ch++) add('channel', `channel-${ch}`, Math.round(total / CHANNELS));
    samples.push({ atMs, scope: 'total', scopeId: '', openChats: total, oldestAgeSeconds: oldestOfAll, buckets: [0, 0, 0, 0, 0, 0] });
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function time(storage: Storage, query: HistoryQuery): { ms: number; series: number; points: number } {
  const durations: number[] = [];
  let series = 0;
  let points = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = storage.queryHistory(query);
    durations.push(performance.now() - start);
    series = result.length;
    points = result.reduce((sum, s) => sum + s.points.length, 0);
  }
  return { ms: median(durations), series, points };
}

function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chatload-bench-history-'));
  const file = path.join(dir, DATABASE_FILE);
  try {
    let storage = openStorage(dir);
    const next = random(42);
    let rows = 0;
    let insertMs = 0;
    const startMs = END_MS - DAYS * DAY_MS;
    for (let day = 0; day < DAYS; day++) {
      const samples = sampleDay(startMs + day * DAY_MS, next);
      const start = performance.now();
      storage.insertHistory(samples); // one transaction per day
      insertMs += performance.now() - start;
      rows += samples.length;
    }
    storage.close(); // the last connection checkpoints the WAL into the file and removes it
    const sizeMb = statSync(file).size / 1024 / 1024;

    console.log(`bench:history — ${DAYS} d × ${OPERATORS} operators + unassigned + total + ${CHANNELS} channels, one sample a minute`);
    console.log(`  rows        ${rows.toLocaleString('en-US')}`);
    console.log(`  insert      ${(insertMs / 1000).toFixed(1)} s (${Math.round(rows / (insertMs / 1000)).toLocaleString('en-US')} rows/s, one transaction per day)`);
    console.log(`  file size   ${sizeMb.toFixed(1)} MB (${((sizeMb * 1024 * 1024) / rows).toFixed(1)} bytes/row, after checkpoint)\n`);

    storage = openStorage(dir);
    const nowMs = END_MS - 1;
    const table: string[] = [];
    table.push(`  ${'query'.padEnd(16)}${'range'.padEnd(7)}${'step'.padEnd(8)}${'series'.padStart(7)}${'points'.padStart(8)}${'median ms'.padStart(11)}`);
    for (const [rangeName, rangeMs] of [['24 h', DAY_MS], ['7 d', 7 * DAY_MS]] as const) {
      const range = trendRange(nowMs, rangeMs);
      const cases: Array<[string, HistoryQuery]> = [
        ['total', { scope: 'total', ...range }],
        ['one operator', { scope: 'operator', scopeId: '17', ...range }],
        ['every operator', { scope: 'operator', ...range }],
      ];
      for (const [name, query] of cases) {
        const { ms, series, points } = time(storage, query);
        table.push(
          `  ${name.padEnd(16)}${rangeName.padEnd(7)}${`${range.stepMs / MINUTE_MS} min`.padEnd(8)}${String(series).padStart(7)}${String(points).padStart(8)}${ms.toFixed(1).padStart(11)}`,
        );
      }
    }
    console.log(table.join('\n'));

    const pruneStart = performance.now();
    const pruned = storage.pruneHistory(END_MS - 7 * DAY_MS);
    console.log(`\n  prune to 7 d: ${pruned.toLocaleString('en-US')} rows in ${((performance.now() - pruneStart) / 1000).toFixed(1)} s`);
    storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
