import { NO_FILTERS, aggregate, prepareChats, type LoadDataset } from '@/lib/load/aggregate';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import type { Channel, Operator } from '@/lib/model/team';
import { toOpenChat } from '@/lib/wamm/mapping';
import type { WireChat } from '@/lib/wamm/schemas';

// Aggregation cost per refresh (reading wamm.chat's rows into the model with their dates, sorting,
// the unfiltered aggregate) and per filtered request (one more aggregate pass), at 1k, 10k and 100k chats.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function synthetic(count: number, asOfMs: number) {
  const operators: Operator[] = Array.from({ length: 60 }, (_, i) => ({
    id: String(1000 + i),
    name: `Оператор ${i}`,
    admin: false,
    locked: false,
    deleted: false,
    lastActiveMs: null,
  }));
  const channels: Channel[] = [1, 2, 3].map((n) => ({ id: String(n), name: `Channel ${n}`, type: 'whatsapp', state: 'authorized' }));
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const raw: WireChat[] = Array.from({ length: count }, (_, i) => {
    const at = new Date(asOfMs + 3 * 3600_000 - Math.floor(random() ** 3 * 3 * 86_400_000));
    const dateMsg = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
    return {
      chat_id: String(100_000 + i),
      chat_name: `Клиент ${i}`,
      phone: `7900${i}`,
      avatar: '',
      user_id: random() < 0.05 ? '0' : String(1000 + Math.floor(random() * 60)),
      api_id: String(1 + Math.floor(random() * 3)),
      date_msg: dateMsg,
    };
  });
  return { raw, operators, channels };
}

function medianMs(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface AggregateFigures {
  chats: number;
  refreshMs: number;
  aggregateMs: number;
  filteredMs: number;
}

export function benchAggregate(sizes = [1_000, 10_000, 100_000]): AggregateFigures[] {
  const asOfMs = Date.UTC(2026, 10, 28, 12);
  const results: AggregateFigures[] = [];
  for (const count of sizes) {
    const { raw, operators, channels } = synthetic(count, asOfMs);
    const runs = count >= 100_000 ? 15 : 40;
    const refresh: number[] = [];
    const plain: number[] = [];
    const filtered: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const { chats } = prepareChats(
        raw.map((row) => toOpenChat(row, 'Europe/Moscow')),
        asOfMs,
      );
      const dataset: LoadDataset = { asOfMs, chats, operators, channels };
      const t1 = performance.now();
      aggregate(dataset, NO_FILTERS, DEFAULT_SETTINGS);
      const t2 = performance.now();
      aggregate(dataset, { ...NO_FILTERS, channel: '2' }, DEFAULT_SETTINGS);
      const t3 = performance.now();
      if (i < 3) continue; // warm-up
      refresh.push(t2 - t0);
      plain.push(t2 - t1);
      filtered.push(t3 - t2);
    }
    results.push({ chats: count, refreshMs: medianMs(refresh), aggregateMs: medianMs(plain), filteredMs: medianMs(filtered) });
  }
  return results;
}

export interface TeamFigures {
  operators: number;
  teams: number;
  chats: number;
  /** Reading the rows, dating, sorting and the unfiltered aggregate under ten teams with capacities. */
  refreshMs: number;
  /** The same refresh with no teams or capacities: the baseline. */
  baselineMs: number;
  /** One team's view. */
  teamViewMs: number;
}

/** 200 operators in 10 teams (a quarter of them in two), capacities set, 5,000 chats. */
export function benchTeams(): TeamFigures {
  const asOfMs = Date.UTC(2026, 10, 28, 12);
  const OPERATORS = 200;
  const TEAMS = 10;
  const operators: Operator[] = Array.from({ length: OPERATORS }, (_, i) => ({
    id: String(1000 + i),
    name: `Оператор ${i}`,
    admin: false,
    locked: i % 50 === 7,
    deleted: false,
    lastActiveMs: asOfMs - (i % 9) * 5 * 60_000,
  }));
  const teams = Array.from({ length: TEAMS }, (_, t) => ({
    id: `team-${t}`,
    name: `Команда ${t}`,
    operatorIds: operators.filter((_, i) => i % TEAMS === t || (i % 4 === 0 && (i / 4) % TEAMS === t)).map((operator) => operator.id),
    channelIds: [String(1 + (t % 3))],
  }));
  const rules = {
    ...DEFAULT_SETTINGS,
    teams: teams.filter((team, index, all) => all.findIndex((other) => other.id === team.id) === index).map((team) => ({ ...team, operatorIds: [...new Set(team.operatorIds)] })),
    capacity: { default: 25, operators: Object.fromEntries(operators.slice(0, 20).map((operator, i) => [operator.id, i % 2 === 0 ? 40 : null])) },
  };
  const channels: Channel[] = [1, 2, 3].map((n) => ({ id: String(n), name: `Channel ${n}`, type: 'whatsapp', state: 'authorized' }));
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const raw: WireChat[] = Array.from({ length: 5000 }, (_, i) => {
    const at = new Date(asOfMs + 3 * 3600_000 - Math.floor(random() ** 3 * 86_400_000));
    return {
      chat_id: String(500_000 + i),
      chat_name: `Клиент ${i}`,
      phone: `7911${i}`,
      avatar: '',
      user_id: random() < 0.05 ? '0' : String(1000 + Math.floor(random() * OPERATORS)),
      api_id: String(1 + Math.floor(random() * 3)),
      date_msg: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
    };
  });
  const refresh = (withRules: typeof rules | typeof DEFAULT_SETTINGS) => {
    const { chats } = prepareChats(
      raw.map((row) => toOpenChat(row, 'Europe/Moscow')),
      asOfMs,
    );
    const dataset: LoadDataset = { asOfMs, chats, operators, channels };
    aggregate(dataset, NO_FILTERS, withRules);
    return dataset;
  };
  const ours: number[] = [];
  const base: number[] = [];
  const team: number[] = [];
  for (let i = 0; i < 43; i++) {
    // Side by side, alternating, so a slow moment of the machine hits both alike.
    const t0 = performance.now();
    const dataset = refresh(rules);
    const t1 = performance.now();
    refresh(DEFAULT_SETTINGS);
    const t2 = performance.now();
    aggregate(dataset, { ...NO_FILTERS, team: 'team-3' }, rules);
    const t3 = performance.now();
    if (i < 3) continue;
    ours.push(t1 - t0);
    base.push(t2 - t1);
    team.push(t3 - t2);
  }
  return { operators: OPERATORS, teams: TEAMS, chats: raw.length, refreshMs: medianMs(ours), baselineMs: medianMs(base), teamViewMs: medianMs(team) };
}
