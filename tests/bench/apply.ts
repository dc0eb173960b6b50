// npm run bench:apply: 100 moves applied against the simulator over real HTTP, as the Rebalance page
// sends them. Prints moves per second and wamm.chat calls per move, beside a baseline of the same 100
// contact_to_user calls sent bare (no checks, no pacing), run right after. Nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditService } from '@/lib/audit/service';
import { LoadStore } from '@/lib/load/store';
import { RebalanceService, type MoveRequest } from '@/lib/rebalance/service';
import { SettingsService } from '@/lib/settings/service';
import { startSimulator } from '@/lib/simulator';
import { openStorage } from '@/lib/storage/open';
import { createWammClient } from '@/lib/wamm/client';

const MOVES = Number(process.env.BENCH_MOVES ?? 100);
const quiet = { info: () => {}, warn: (message: string) => console.warn(message), error: () => {} };

interface WireChat {
  chat_id: string | number;
  phone: string;
  user_id: string | number;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ token: 'bench-token', live: false, timezone: 'Europe/Moscow', dataset: 'over900' });
  const dir = mkdtempSync(path.join(tmpdir(), 'chatload-bench-apply-'));
  const storage = await openStorage({ databaseUrl: null, sqliteFile: path.join(dir, 'chatload.db'), log: quiet });
  const client = createWammClient({ baseUrl: sim.url, token: 'bench-token', timeoutMs: 10_000, timezone: 'Europe/Moscow' });
  try {
    const store = new LoadStore({ client, refreshMs: 15_000, upstreamTimeoutMs: 10_000 });
    const settings = new SettingsService({ repository: storage.documents, log: quiet });
    const audit = new AuditService({ repository: storage.audit, retentionDays: 180, log: quiet });
    const service = (writesPerSecond: number) =>
      new RebalanceService({ store, client, settings, moves: storage.moves, audit, timezone: 'Europe/Moscow', log: quiet, writesPerSecond });

    const snapshot = sim.control.snapshot() as unknown as { chats: WireChat[]; users: Array<{ user_id: number; lock: number; deleted: number }> };
    const active = snapshot.users.filter((user) => !user.lock && !user.deleted).map((user) => String(user.user_id));
    const personal = snapshot.chats.filter((chat) => !chat.phone.endsWith('@g.us') && ![0, '0', ''].includes(chat.user_id));
    const requests = (offset: number): MoveRequest[] =>
      personal.slice(offset, offset + MOVES).map((chat, index) => {
        const from = String(chat.user_id);
        const to = active.find((id, k) => id !== from && k % 3 === index % 3) ?? active.find((id) => id !== from)!;
        return { chatId: String(chat.chat_id), toOperatorId: to, fromOperatorId: from };
      });

    await store.refreshNow();
    const run = async (label: string, writesPerSecond: number, offset: number) => {
      sim.control.resetStats();
      const started = performance.now();
      const results = await service(writesPerSecond).apply(requests(offset), { actor: 'bench', trigger: 'manual', address: null });
      const seconds = (performance.now() - started) / 1000;
      const stats = sim.control.stats();
      const calls = stats.user_chats + stats.user_list + stats.channel_list + stats.contact_to_user;
      const moved = results.filter((entry) => entry.status === 'moved').length;
      console.log(
        `${label}: ${moved}/${results.length} moved in ${seconds.toFixed(2)} s · ${(results.length / seconds).toFixed(1)} moves/s · ` +
          `${(calls / results.length).toFixed(2)} wamm.chat calls per move (${stats.contact_to_user} writes, ${stats.user_chats} reads, of them ${stats.user_chats_all} capped all-chats reads for the refreshes)`,
      );
      return seconds;
    };
    const paced = await run('as sent (5 writes per second)', 5, 0);
    const unpaced = await run('pace lifted (checks only)', 10_000, MOVES);

    // Baseline: the same number of bare writes, one after another, no check before and no pacing.
    sim.control.resetStats();
    const bare = personal.slice(2 * MOVES, 3 * MOVES);
    const started = performance.now();
    for (const chat of bare) await client.contactToUser(chat.phone, active[0]!);
    const baseline = (performance.now() - started) / 1000;
    console.log(`baseline, bare contact_to_user: ${bare.length} in ${baseline.toFixed(2)} s · ${(bare.length / baseline).toFixed(1)} calls/s`);
    console.log(`ratio to the baseline: ${(paced / baseline).toFixed(1)}× as sent, ${(unpaced / baseline).toFixed(2)}× with the pace lifted`);
  } finally {
    await storage.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
