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
