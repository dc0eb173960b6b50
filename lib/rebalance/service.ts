import { inQuietHours } from '@/lib/time/quiet-hours';
import { randomBytes } from 'node:crypto';
import type { AuditService } from '@/lib/audit/service';
import { operatorRowId, type LoadChat } from '@/lib/load/aggregate';
import type { DataView, LoadStore } from '@/lib/load/store';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { OpenChat } from '@/lib/model/team';
import type { SettingsService } from '@/lib/settings/service';
import type { MoveRecord, MoveRepository, MoveStatus, MoveTrigger } from '@/lib/storage/types';
import type { AssignOutcome, WammClient } from '@/lib/wamm/client';
import { WammError } from '@/lib/wamm/errors';
import { plan } from './planner';
import type { PlanBody } from './responses';
import type { MoveReason, Plan } from './types';
import { WriteLimiter } from './write-limiter';

// Reassigning chats inside the customer's wamm.chat account: the one place chatload writes to it.
// Every move is checked against fresh data just before its call (a chat closed or moved since is
// skipped, and said why), sent exactly once (never retried: after a timeout, a 5xx or an unreadable
// answer the chat's owner is read again and the move reported as moved or unknown), limited in
// rate and concurrency, written to the moves log and the audit log (chat id and operator ids only,
// never a phone or a name). Automatic rebalancing runs through the same path, within its limits.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back the moves log is read for "moved recently", "received last" and "cannot be assigned". */
const LOG_LOOKBACK_MS = 7 * DAY_MS;

export type MoveResultStatus = MoveStatus;

export interface MoveResult {
  chatId: string;
  /** "0": the chat is to have no operator. */
  toUserId: string;
  status: MoveResultStatus;
  /** What happened, in a sentence (English; pages word it again from `outcome`). */
  message: string;
  /** The same as a code: moved, already_there, closed, moved_elsewhere, group_chat, phone_fail, … */
  outcome: string;
  /** The moves log entry; null when nothing was sent. */
  moveId: string | null;
}

export interface MoveRequest {
  chatId: string;
  /** null: remove the operator. */
  toOperatorId: string | null;
  /** Where the chat was when the move was planned; a chat found elsewhere is skipped. Unknown: the live data. */
  fromOperatorId?: string | null;
  reason?: MoveReason | null;
}

export interface AutoRun {
  atMs: number;
  mode: 'suggest' | 'auto';
  /** Why nothing was done, when nothing was: quiet hours, stale or partial data. */
  heldBack: string | null;
  plan: PlanBody | null;
  results: MoveResult[];
}

export interface RebalanceServiceOptions {
  store: LoadStore;
  client: WammClient;
  settings: SettingsService;
  moves: MoveRepository;
  audit: AuditService;
  timezone: string;
  now?: () => number;
  log: { info(message: string): void; warn(message: string): void };
  /** Writes per second at most, and at once; default 5 and 2. */
  writesPerSecond?: number;
  concurrency?: number;
  /** Told of every move answered, sent or not, e.g. for metrics. */
  onMove?: (trigger: MoveTrigger, status: MoveStatus) => void;
}

export class RebalanceService {
  private readonly now: () => number;
  private readonly limiter: WriteLimiter;
  private readonly concurrency: number;
  /** Chats being moved right now: a second request for the same chat waits its turn rather than racing. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private lastAuto: AutoRun | null = null;

  constructor(private readonly options: RebalanceServiceOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = new WriteLimiter(options.writesPerSecond ?? 5, this.now);
    this.concurrency = options.concurrency ?? 2;
  }

  /** What the planner would move now, on the live data (refreshed first when due). */
  async plan(teamId: string | null): Promise<PlanBody> {
    const view = await this.freshView();
    return this.planOn(view, teamId);
  }

  /** The last automatic run (suggest or auto), for the Rebalance page. */
  lastAutomaticRun(): AutoRun | null {
    return this.lastAuto;
  }

  /** Applies moves one by one (a few at once), each checked against fresh data first. Results in the order asked. */
  async apply(requests: readonly MoveRequest[], who: { actor: string | null; trigger: MoveTrigger; address: string | null }): Promise<MoveResult[]> {
    const view = await this.freshView();
    const results = new Array<MoveResult>(requests.length);
    let next = 0;
    let stopAll: string | null = null;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        if (stopAll !== null) {
          results[index] = result(request, 'skipped', 'not_sent', `Not sent: ${stopAll}`, null);
          continue;
        }
        results[index] = await this.exclusive(request.chatId, () => this.moveOne(request, view, who));
        if (results[index]!.outcome === 'token_fail') stopAll = 'wamm.chat rejected the API token, so no further moves were sent.';
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, requests.length) }, worker));
    for (const entry of results) this.options.onMove?.(who.trigger, entry.status);
    // Every page shows the new load within seconds.
    if (results.some((entry) => entry.status === 'moved' || entry.status === 'unknown')) void this.options.store.refreshNow();
    return results;
  }

  /** Moves a chat back where it came from, when it is still where the move put it. */
  async undo(moveId: string, who: { actor: string | null; address: string | null }): Promise<MoveResult | null> {
    const original = await this.options.moves.get(moveId);
    if (!original) return null;
    const request: MoveRequest = { chatId: original.chatId, toOperatorId: original.fromOperatorId, fromOperatorId: original.toOperatorId };
    if (original.status !== 'moved' && original.status !== 'unknown') {
      return result(request, 'skipped', 'nothing_to_undo', 'Nothing to undo: this move did not move the chat.', null);
    }
    if (original.undoneAtMs !== null) return result(request, 'skipped', 'undone_already', 'This move was undone already.', null);
    const [outcome] = await this.apply([request], { actor: who.actor, trigger: 'undo', address: who.address });
    if (outcome && (outcome.status === 'moved' || outcome.outcome === 'already_there')) await this.options.moves.markUndone(moveId, this.now());
    return outcome ?? null;
  }

  /** The moves log, newest first. */
  list(limit: number): Promise<MoveRecord[]> {
    return this.options.moves.list({ limit });
  }

  /**
   * One automatic run: in suggest mode the plan is kept for the page; in auto mode it is applied
   * within the limits, outside quiet hours, and only on fresh and complete data.
   */
  async runAutomatically(): Promise<AutoRun | null> {
    const { balancing } = this.options.settings.current().settings;
    if (balancing.mode === 'off') return null;
    const atMs = this.now();
    const held = (heldBack: string): AutoRun => (this.lastAuto = { atMs, mode: balancing.mode as 'suggest' | 'auto', heldBack, plan: null, results: [] });
    if (balancing.mode === 'auto' && inQuietHours(atMs, balancing.quietHours, this.options.timezone)) return held('quiet hours');
    const view = await this.freshView().catch(() => null);
    if (!view || view.stale) return held('the data from wamm.chat is not fresh');
    if (balancing.mode === 'auto' && (!view.data.complete || view.data.partialOperators === 'all')) return held('the numbers are partial');
    const planned = await this.planOn(view, null);
    if (balancing.mode === 'suggest') return (this.lastAuto = { atMs, mode: 'suggest', heldBack: null, plan: planned, results: [] });

    // Limits: at most maxMovesPerRun now, and no operator receiving more than maxMovesPerOperatorPerHour.
    const lastHour = await this.options.moves.list({ sinceMs: atMs - HOUR_MS });
    const received = new Map<string, number>();
    for (const move of lastHour) {
      if (move.status === 'moved' && move.toOperatorId) received.set(move.toOperatorId, (received.get(move.toOperatorId) ?? 0) + 1);
    }
    const chosen: MoveRequest[] = [];
    for (const move of planned.moves) {
      if (chosen.length >= balancing.maxMovesPerRun) break;
      const count = received.get(move.toUserId) ?? 0;
      if (count >= balancing.maxMovesPerOperatorPerHour) continue;
      received.set(move.toUserId, count + 1);
      chosen.push({ chatId: move.chatId, toOperatorId: move.toUserId, fromOperatorId: move.fromUserId === UNASSIGNED_ROW_ID ? null : move.fromUserId, reason: move.reason });
    }
    const results = chosen.length > 0 ? await this.apply(chosen, { actor: null, trigger: 'auto', address: null }) : [];
    const moved = results.filter((entry) => entry.status === 'moved').length;
    if (results.length > 0) this.options.log.info(`automatic rebalancing: ${moved} of ${results.length} moves made`);
    return (this.lastAuto = { atMs, mode: 'auto', heldBack: null, plan: planned, results });
  }

  private async planOn(view: DataView, teamId: string | null): Promise<PlanBody> {
    const { data } = view;
    const { settings } = this.options.settings.current();
    const history = await this.history();
    const planned: Plan = plan({
      asOfMs: data.dataset.asOfMs,
      chats: data.dataset.chats,
      operators: data.dataset.operators,
      rules: data.rules,
      balancing: settings.balancing,
      teamId,
      partialOperatorIds: data.partialOperators === 'all' ? 'all' : new Set(data.partialOperators),
      lastMovedAtMs: history.lastMoved,
      lastReceivedAtMs: history.lastReceived,
      unassignable: history.unassignable,
    });
    return {
      basedOn: new Date(data.dataset.asOfMs).toISOString(),
      moves: planned.moves.map((move) => ({ chatId: move.chatId, fromUserId: move.fromOperatorId ?? UNASSIGNED_ROW_ID, toUserId: move.toOperatorId, reason: move.reason })),
      notPlaced: planned.notPlaced.map((entry) => ({ chatId: entry.chatId, reason: entry.reason })),
    };
  }

  /** What the moves log says about the last week: when chats moved, who received, what cannot be assigned. */
  private async history(): Promise<{ lastMoved: Map<string, number>; lastReceived: Map<string, number>; unassignable: Set<string> }> {
    const lastMoved = new Map<string, number>();
    const lastReceived = new Map<string, number>();
    const unassignable = new Set<string>();
    const moves = await this.options.moves.list({ sinceMs: this.now() - LOG_LOOKBACK_MS });
    for (const move of moves) {
      if (move.outcome === 'phone_fail' || move.outcome === 'group_chat') unassignable.add(move.chatId);
      if (move.status !== 'moved' && move.status !== 'unknown') continue;
      if (!lastMoved.has(move.chatId)) lastMoved.set(move.chatId, move.atMs);
      if (move.toOperatorId && !lastReceived.has(move.toOperatorId)) lastReceived.set(move.toOperatorId, move.atMs);
    }
    return { lastMoved, lastReceived, unassignable };
  }

  private async freshView(): Promise<DataView> {
    const view = await this.options.store.refreshNow();
    if (!view.data) throw new WammError(view.upstreamError?.code ?? 'upstream_unavailable', { method: 'user_chats', detail: view.upstreamError?.detail });
    return view as DataView;
  }

  private async exclusive<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(chatId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    this.busy.set(chatId, run);
    try {
      return await run;
    } finally {
      if (this.busy.get(chatId) === run) this.busy.delete(chatId);
    }
  }

  private async moveOne(request: MoveRequest, batch: DataView, who: { actor: string | null; trigger: MoveTrigger; address: string | null }): Promise<MoveResult> {
    const known = batch.data.dataset.chats.find((chat) => chat.chatId === request.chatId);
    if (!known) return this.record(request, null, who, 'skipped', 'closed', 'Skipped: the chat is no longer open.', false);
    const expectedFrom = request.fromOperatorId === undefined ? known.operatorId : request.fromOperatorId;
    if (known.group) return this.record(request, known, who, 'skipped', 'group_chat', 'Skipped: a group chat cannot have a responsible operator in wamm.chat.', false);
    if (request.toOperatorId !== null) {
      const target = batch.data.dataset.operators.find((operator) => operator.id === request.toOperatorId);
      if (!target) return this.record(request, known, who, 'skipped', 'user_not_found', 'Skipped: wamm.chat has no operator with this id.', false);
      if (target.locked || target.deleted) return this.record(request, known, who, 'skipped', 'user_not_active', `Skipped: the operator is ${target.deleted ? 'deleted' : 'locked'} in wamm.chat.`, false);
    }

    // Fresh, just before the call: the chats of whoever holds it now, read again.
    let current: OpenChat | undefined;
    try {
      current = await this.readChat(known.operatorId, request.chatId);
    } catch (error) {
      return this.record(request, known, who, 'skipped', 'not_checked', `Skipped: its current owner could not be read (${describe(error)}), so nothing was sent.`, false);
    }
    if (current === undefined) return this.record(request, known, who, 'skipped', 'closed', 'Skipped: the chat was closed or moved since the plan.', false);
    if (current.operatorId === request.toOperatorId) return this.record(request, current, who, 'skipped', 'already_there', 'Nothing to do: the chat is there already.', false);
    if (current.operatorId !== expectedFrom) return this.record(request, current, who, 'skipped', 'moved_elsewhere', 'Skipped: someone moved the chat since the plan.', false);

    await this.limiter.take();
    let outcome: AssignOutcome;
    try {
      outcome = await this.options.client.contactToUser(current.phone, request.toOperatorId);
    } catch (error) {
      if (error instanceof WammError && error.code === 'token_fail') {
        return this.record(request, current, who, 'failed', 'token_fail', 'Failed: wamm.chat rejected the API token; nothing was moved.', true);
      }
      // The write may or may not have happened: read the chat's owner again, never send it twice.
      const after = await this.readChat(request.toOperatorId, request.chatId).catch(() => null);
      if (after && after.operatorId === request.toOperatorId) {
        return this.record(request, current, who, 'moved', 'moved', `Moved (wamm.chat's answer was lost: ${describe(error)}; reading the chat again shows it moved).`, true);
      }
      return this.record(request, current, who, 'unknown', 'unknown', `Unknown: wamm.chat's answer was lost (${describe(error)}) and reading the chat again did not show where it is. It was not sent again.`, true);
    }
    switch (outcome) {
      case 'success':
        return this.record(request, current, who, 'moved', 'moved', request.toOperatorId === null ? 'Done: the chat has no responsible operator now.' : `Moved: operator ${request.toOperatorId} is responsible for the chat now.`, true);
      case 'phone_fail':
        return this.record(request, current, who, 'failed', 'phone_fail', 'Failed: wamm.chat cannot give this chat a responsible operator (a group, or an address it refuses); it will not be tried again.', true);
      case 'not_found':
        return this.record(request, current, who, 'skipped', 'closed', 'Skipped: wamm.chat says the chat is no longer open.', true);
      case 'user_not_found':
        return this.record(request, current, who, 'failed', 'user_not_found', 'Failed: wamm.chat does not know the operator.', true);
      case 'user_not_active':
        return this.record(request, current, who, 'failed', 'user_not_active', 'Failed: the operator is locked or deleted in wamm.chat.', true);
    }
  }

  /**
   * The chat as wamm.chat lists it now: among an operator's own chats (complete, not capped), or for
   * nobody, in the all-chats list (capped at 900: a chat beyond the cap counts as not found).
   */
  private async readChat(operatorId: string | null, chatId: string): Promise<OpenChat | undefined> {
    const chats = operatorId === null ? await this.options.client.userChats() : await this.options.client.userChats(operatorId);
    return chats.find((chat) => chat.chatId === chatId);
  }

  private async record(
    request: MoveRequest,
    chat: Pick<LoadChat, 'operatorId'> | null,
    who: { actor: string | null; trigger: MoveTrigger; address: string | null },
    status: MoveStatus,
    outcome: string,
    message: string,
    sent: boolean,
  ): Promise<MoveResult> {
    // A check that stopped before any call is answered, not logged: nothing happened in the account.
    if (!sent && status === 'skipped' && outcome !== 'group_chat') return result(request, status, outcome, message, null);
    const record: MoveRecord = {
      id: randomBytes(16).toString('base64url'),
      atMs: this.now(),
      trigger: who.trigger,
      actor: who.actor,
      chatId: request.chatId,
      fromOperatorId: chat?.operatorId ?? null,
      toOperatorId: request.toOperatorId,
      reason: request.reason ?? null,
      status,
      outcome,
      undoOf: null,
      undoneAtMs: null,
    };
    try {
      await this.options.moves.append(record);
    } catch (error) {
      this.options.log.warn(`moves log: the move of chat ${request.chatId} could not be written (${describe(error)})`);
    }
    const from = chat ? operatorRowId(chat) : '?';
    const to = request.toOperatorId ?? UNASSIGNED_ROW_ID;
    const rule = who.trigger === 'auto' ? `rule ${request.reason ?? 'auto'}; ` : who.trigger === 'undo' ? 'undo; ' : '';
    await this.options.audit.record(
      request.reason || who.trigger !== 'manual' ? 'chat_moved' : 'chat_assigned',
      { name: who.actor ?? 'automatic rebalancing', role: who.actor ? 'manager' : null },
      `${rule}chat ${request.chatId}: ${from} → ${to}: ${status}${outcome !== status ? ` (${outcome})` : ''}`,
      who.address,
    );
    return result(request, status, outcome, message, record.id);
  }
}

function result(request: MoveRequest, status: MoveStatus, outcome: string, message: string, moveId: string | null): MoveResult {
  return { chatId: request.chatId, toUserId: request.toOperatorId ?? UNASSIGNED_ROW_ID, status, message, outcome, moveId };
}

function describe(error: unknown): string {
  return error instanceof WammError ? error.message : error instanceof Error ? error.message : 'unknown error';
}

export { inQuietHours };
