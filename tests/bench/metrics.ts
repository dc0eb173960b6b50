// npm run bench:metrics: what a Prometheus scrape costs with a 2,000-chat data set (60 operators,
// 12 channels, 8 teams: the gauges are read from it at scrape time), beside the same registry with
// no data yet (Node's process metrics alone), as a ratio; and chatload's own metrics without them. Prints figures; nothing passes or fails on timing.
import { Registry } from 'prom-client';
import { LoadStore } from '@/lib/load/store';
import { Metrics } from '@/lib/metrics/metrics';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import { settingsSchema, SETTINGS_VERSION } from '@/lib/settings/schema';
import type { WammReader } from '@/lib/wamm/client';

const CHATS = 2000;
const RUNS = 400;

function dataset(nowMs: number) {
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const operators: Operator[] = Array.from({ length: 60 }, (_, i) => ({ id: String(8100 + i), name: `Оператор ${i}`, admin: false, locked: false, deleted: false, lastActiveMs: nowMs }));
  const channels: Channel[] = Array.from({ length: 12 }, (_, i) => ({ id: String(1400 + i), name: `Канал ${i}`, type: 'whatsapp', state: 'authorized' }));
  const chats: OpenChat[] = Array.from({ length: CHATS }, (_, i) => ({
    chatId: String(500_000 + i),
    chatName: `Клиент ${i}`,
    phone: `7916${String(i).padStart(7, '0')}`,
    avatar: '',
    operatorId: random() < 0.05 ? null : operators[Math.floor(random() * operators.length)]!.id,
    channelId: channels[Math.floor(random() * channels.length)]!.id,
    lastMessageMs: nowMs - Math.floor(random() ** 3 * 6 * 3_600_000),
    group: false,
  }));
  return { operators, channels, chats };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(render: () => Promise<string>): Promise<{ us: number; bytes: number }> {
  let text = '';
  for (let i = 0; i < 50; i++) text = await render();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const startedAt = performance.now();
    text = await render();
    samples.push((performance.now() - startedAt) * 1000);
  }
  return { us: median(samples), bytes: Buffer.byteLength(text) };
}

async function main() {
  const nowMs = Date.now();
  const { operators, channels, chats } = dataset(nowMs);
  const client: WammReader = {
    userChats: async () => chats.slice(0, 900).concat(chats.slice(900)),
    userList: async () => operators,
    channelList: async () => channels,
  };
  const teams = Array.from({ length: 8 }, (_, t) => ({
    id: `team-${t}`,
    name: `Команда ${t}`,
    operatorIds: operators.slice(t * 7, t * 7 + 7).map((operator) => operator.id),
    channelIds: [channels[t]!.id],
  }));
  const rules = settingsSchema.parse({ version: SETTINGS_VERSION, teams, capacity: { default: 8 } });
  const store = new LoadStore({ client, refreshMs: 15_000, upstreamTimeoutMs: 10_000, rules: () => ({ revision: 1, rules }) });
  await store.refreshNow();
  const loaded = store.view().data?.unfiltered.totals.openChats;

  const withData = new Metrics({ version: '0.0.0', buildId: 'bench' });
  withData.observe(store);
  // The counters and histograms as after a day of traffic.
  for (let i = 0; i < 500; i++) {
    for (const method of ['user_chats', 'user_list', 'channel_list', 'contact_to_user']) withData.upstreamCall({ method, durationMs: 50 + (i % 40) * 20, code: i % 50 === 0 ? 'upstream_timeout' : null });
  }
  const noData = new Metrics({ version: '0.0.0', buildId: 'bench' });
  const dataOnly = new Metrics({ version: '0.0.0', buildId: 'bench', processMetrics: false });
  dataOnly.observe(store);
  const empty = new Registry();

  const full = await time(() => withData.render());
  const bare = await time(() => noData.render());
  const none = await time(() => empty.metrics());
  const own = await time(() => dataOnly.render());
  store.close();
  console.log(`scrape of GET /metrics, median of ${RUNS} (in process, the registry's text only):`);
  console.log(`  ${loaded} chats, 12 channels, 8 teams   ${(full.us / 1000).toFixed(3)} ms   ${full.bytes} bytes`);
  console.log(`  no data yet (process metrics)     ${(bare.us / 1000).toFixed(3)} ms   ${bare.bytes} bytes   ratio ${(full.us / bare.us).toFixed(2)}`);
  console.log(`  the same, without process metrics ${(own.us / 1000).toFixed(3)} ms   ${own.bytes} bytes`);
  console.log(`  empty registry                    ${(none.us / 1000).toFixed(3)} ms   ${none.bytes} bytes   `);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
