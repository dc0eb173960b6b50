// npm run bench:plan: the rebalancing planner on a large account (200 operators, 10 teams, 5,000 open chats),
// median of runs, beside one aggregate() of the same data set as the baseline. It measures and prints; it
// asserts nothing (the target is a plan under 50 ms, a small share of a refresh).
import { NO_FILTERS, aggregate, prepareChats, type LoadDataset } from '@/lib/load/aggregate';
import type { LoadRules } from '@/lib/load/rules';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import { plan } from '@/lib/rebalance/planner';
import type { PlannerInput } from '@/lib/rebalance/types';
import { DEFAULT_SETTINGS, type TeamSettings } from '@/lib/settings/schema';

const OPERATORS = 200;
const TEAMS = 10;
const CHATS = 5_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARM_UP = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A fixed pseudo-random sequence, so every run plans the same account. */
function sequence(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function account(asOfMs: number): { input: PlannerInput; dataset: LoadDataset; rules: LoadRules } {
  const random = sequence(11);
  const ids = Array.from({ length: OPERATORS }, (_, i) => String(2000 + i));
  // Mostly at work; some away, a few locked or deleted but still named on their chats.
  const operators: Operator[] = ids.map((id) => {
    const roll = random();
    return {
      id,
      name: `Оператор ${id}`,
      admin: false,
      locked: roll < 0.04,
      deleted: roll >= 0.04 && roll < 0.06,
      lastActiveMs: roll < 0.16 ? asOfMs - 2 * HOUR : asOfMs - Math.floor(random() * 20) * MINUTE,
    };
  });
  // Two channels per team, one more that no team serves; every tenth operator is in a second team too.
  const channels: Channel[] = Array.from({ length: 2 * TEAMS + 1 }, (_, i) => ({ id: String(100 + i), name: `Channel ${i}`, type: 'whatsapp', state: 'authorized' }));
  const teams: TeamSettings[] = Array.from({ length: TEAMS }, (_, t) => ({
    id: `team-${t}`,
    name: `Team ${t}`,
    operatorIds: ids.filter((_, i) => i % TEAMS === t || (i % 10 === 0 && (i / 10) % TEAMS === (t + 1) % TEAMS)),
    channelIds: [String(100 + 2 * t), String(101 + 2 * t)],
  }));
  const capacity: Record<string, number | null> = {};
  ids.forEach((id, i) => {
    if (i % 20 === 7) capacity[id] = null;
    else if (i % 10 === 3) capacity[id] = 15;
  });
  const rules: LoadRules = { teams, capacity: { default: 30, operators: capacity }, thresholds: { warningMinutes: 5, criticalMinutes: 15 }, availability: { awayAfterMinutes: 30 } };

  // A fifth of the operators hold twice their share: they go over capacity.
  const busy = ids.filter((_, i) => i % 5 === 0);
  const raw: OpenChat[] = Array.from({ length: CHATS }, (_, i) => {
    const roll = random();
    const operatorId = roll < 0.06 ? null : roll < 0.4 ? busy[Math.floor(random() * busy.length)]! : ids[Math.floor(random() * ids.length)]!;
    const team = operatorId === null ? Math.floor(random() * TEAMS) : Number(operatorId) % TEAMS;
    return {
      chatId: String(500_000 + i),
      chatName: `Клиент ${i}`,
      phone: `7900${i}`,
      avatar: '',
      operatorId,
      channelId: random() < 0.01 ? String(100 + 2 * TEAMS) : String(100 + 2 * team + (random() < 0.5 ? 0 : 1)),
      lastMessageMs: asOfMs - Math.floor(random() ** 4 * 6 * HOUR),
      group: random() < 0.03,
    };
  });
  const { chats } = prepareChats(raw, asOfMs);

  const lastMovedAtMs = new Map<string, number>();
  const unassignable = new Set<string>();
  for (const chat of chats) {
    if (random() < 0.05) lastMovedAtMs.set(chat.chatId, asOfMs - Math.floor(random() * 8 * HOUR));
    if (random() < 0.01) unassignable.add(chat.chatId);
  }
  const lastReceivedAtMs = new Map<string, number>();
  for (const id of ids) if (random() < 0.5) lastReceivedAtMs.set(id, asOfMs - Math.floor(random() * 3 * HOUR));

  const defaults = DEFAULT_SETTINGS.balancing;
  const input: PlannerInput = {
    asOfMs,
    chats,
    operators,
    rules,
    balancing: { ...defaults, rules: { ...defaults.rules, waitingTooLong: true }, excludedOperatorIds: [ids[1]!, ids[2]!] },
    teamId: null,
    partialOperatorIds: new Set([ids[4]!, ids[8]!, ids[12]!]),
    lastMovedAtMs,
    lastReceivedAtMs,
    unassignable,
  };
  return { input, dataset: { asOfMs, chats, operators, channels }, rules };
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main() {
  const asOfMs = Date.UTC(2026, 11, 1, 12);
  const { input, dataset, rules } = account(asOfMs);
  const oneTeam: PlannerInput = { ...input, teamId: 'team-3' };
  const planMs: number[] = [];
  const teamMs: number[] = [];
  const aggregateMs: number[] = [];
  let result = plan(input);
  // Interleaved, so that both sides see the same machine state (JIT, GC, other load).
  for (let i = 0; i < RUNS + WARM_UP; i++) {
    const t0 = performance.now();
    result = plan(input);
    const t1 = performance.now();
    aggregate(dataset, NO_FILTERS, rules);
    const t2 = performance.now();
    plan(oneTeam);
    const t3 = performance.now();
    if (i < WARM_UP) continue;
    planMs.push(t1 - t0);
    aggregateMs.push(t2 - t1);
    teamMs.push(t3 - t2);
  }

  const count = <T extends string>(values: readonly T[]) => {
    const counts = new Map<T, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].map(([key, n]) => `${key} ${n}`).join(', ');
  };
  const baseline = median(aggregateMs);
  const row = (what: string, samples: readonly number[]) =>
    `| ${what} | ${median(samples).toFixed(2)} ms | ${Math.min(...samples).toFixed(2)}–${Math.max(...samples).toFixed(2)} ms | ${(median(samples) / baseline).toFixed(2)} |`;
  console.log(`bench:plan: ${OPERATORS} operators, ${TEAMS} teams, ${CHATS} open chats; median of ${RUNS} runs after ${WARM_UP} warm-up runs`);
  console.log(`moves: ${result.moves.length} (${count(result.moves.map((m) => m.reason))})`);
  console.log(`not placed: ${result.notPlaced.length} (${count(result.notPlaced.map((n) => n.reason))})`);
  console.log('');
  console.log('| | median | min–max | ratio to aggregate() |');
  console.log('|---|---|---|---|');
  console.log(row('plan(), every team', planMs));
  console.log(row('plan(), one team', teamMs));
  console.log(row('aggregate(), unfiltered (baseline)', aggregateMs));
}

main();
