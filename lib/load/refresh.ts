import { USER_CHATS_CAP, type WammReader } from '@/lib/wamm/client';
import { WammError } from '@/lib/wamm/errors';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import type { PartialInfo } from './types';

// One upstream fetch of the full data set, 900-cap included. Never silently partial: whatever could
// not be fetched is named in `partialReason`.

export interface Directory {
  operators: Operator[];
  channels: Channel[];
  fetchedAtMs: number;
}

export interface FetchResult {
  chats: OpenChat[];
  /** Present when a new operator/channel list was fetched (or attempted and failed). */
  directory: Directory | null;
  complete: boolean;
  partialReason: string | null;
  partial: PartialInfo | null;
  /**
   * Operators whose open chats are not all known (their call failed or did not arrive); 'all' when
   * no operator's numbers can be trusted. Nothing is moved for them on a guess (lib/rebalance).
   */
  partialOperators: string[] | 'all';
}

export interface FetchOptions {
  client: WammReader;
  /** The directory from an earlier fetch, reused until it is due again. */
  previousDirectory: Directory | null;
  directoryDue: boolean;
  /** Stamps a freshly fetched directory (`fetchedAtMs`): the caller's clock, which the store keeps monotonic. */
  nowMs: number;
  /** Parallel per-operator calls when the all-chats call hits the cap. */
  perUserConcurrency?: number;
  /**
   * How long the per-operator calls may take together, in ms; default 20 s (twice the default
   * upstream timeout). Past it the calls in flight are given up and the rest are not made: viewers
   * get what arrived, said to be partial, instead of waiting for every hanging operator in turn.
   */
  fanOutDeadlineMs?: number;
  onWarning?: (message: string) => void;
}

export const DEFAULT_FAN_OUT_DEADLINE_MS = 20_000;

export async function fetchAll(options: FetchOptions): Promise<FetchResult> {
  const { client } = options;
  const [chatsResult, usersResult, channelsResult] = await Promise.allSettled([
    client.userChats(),
    options.directoryDue ? client.userList() : Promise.resolve(null),
    options.directoryDue ? client.channelList('active') : Promise.resolve(null),
  ]);
  if (chatsResult.status === 'rejected') throw chatsResult.reason;

  // Names are nice to have: a failed list keeps the previous one rather than failing the refresh.
  let directory: Directory | null = null;
  if (options.directoryDue) {
    const operators = usersResult.status === 'fulfilled' ? usersResult.value : null;
    const channels = channelsResult.status === 'fulfilled' ? channelsResult.value : null;
    if (usersResult.status === 'rejected') options.onWarning?.(`operator list not refreshed: ${describe(usersResult.reason)}`);
    if (channelsResult.status === 'rejected') options.onWarning?.(`channel list not refreshed: ${describe(channelsResult.reason)}`);
    directory = {
      operators: operators ?? options.previousDirectory?.operators ?? [],
      channels: channels ?? options.previousDirectory?.channels ?? [],
      // A list that failed is tried again on the next refresh, not in a few minutes.
      fetchedAtMs: operators && channels ? options.nowMs : (options.previousDirectory?.fetchedAtMs ?? Number.NEGATIVE_INFINITY),
    };
  }
  const knownOperators = directory?.operators ?? options.previousDirectory?.operators ?? null;
  const usersListFailed = options.directoryDue && usersResult.status === 'rejected';

  const capped = chatsResult.value;
  if (capped.length < USER_CHATS_CAP) {
    return { chats: capped, directory, complete: true, partialReason: null, partial: null, partialOperators: [] };
  }

  // The all-chats answer is capped: ask every operator for their own chats and merge.
  if (!knownOperators || (usersListFailed && knownOperators.length === 0)) {
    return {
      chats: capped,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once and the operator list could not be loaded to count the rest, so the totals are too low.`,
      partial: { code: 'operators_unavailable', count: null, cap: USER_CHATS_CAP },
      partialOperators: 'all',
    };
  }
  const byId = new Map<string, OpenChat>();
  for (const chat of capped) byId.set(chat.chatId, chat);
  const failures: WammError[] = [];
  const failedIds: string[] = [];
  const operatorIds = knownOperators.map((operator) => operator.id);
  /** Operators whose call ended before the deadline, whatever its outcome. */
  const settled = new Set<string>();
  const deadlineMs = options.fanOutDeadlineMs ?? DEFAULT_FAN_OUT_DEADLINE_MS;
  const stop = new AbortController();
  const fanOut = forEachLimited(operatorIds, options.perUserConcurrency ?? 4, stop.signal, async (operatorId) => {
    try {
      const chats = await client.userChats(operatorId, { signal: stop.signal });
      // Past the deadline the result is out already: a late answer must not change it.
      if (stop.signal.aborted) return;
      for (const chat of chats) byId.set(chat.chatId, chat);
    } catch (error) {
      if (stop.signal.aborted) return;
      // "user_id fail": the operator is gone from wamm.chat and has no chats to give.
      if (!(error instanceof WammError && error.code === 'unknown_user')) {
        failures.push(error instanceof WammError ? error : new WammError('upstream_error', { method: 'user_chats' }));
        failedIds.push(operatorId);
      }
    }
    settled.add(operatorId);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
  });
  await Promise.race([fanOut, deadline]);
  clearTimeout(timer);
  stop.abort();
  const chats = [...byId.values()];
  const unsettled = operatorIds.filter((id) => !settled.has(id));
  const timedOut = unsettled.length;

  if (timedOut > 0) {
    const more =
      failures.length > 0
        ? ` and those of ${failures.length} more could not be loaded (${failures[0]!.message})`
        : '';
    return {
      chats,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once, and the chats of ${operators(timedOut)} did not arrive within ${duration(deadlineMs)}${more}, so the totals are too low.`,
      partial: { code: 'operators_timed_out', count: timedOut, cap: USER_CHATS_CAP },
      partialOperators: [...unsettled, ...failedIds],
    };
  }
  if (failures.length > 0) {
    const first = failures[0]!;
    return {
      chats,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once, and the chats of ${operators(failures.length)} could not be loaded (${first.message}), so the totals are too low.`,
      partial: { code: 'operator_chats_failed', count: failures.length, cap: USER_CHATS_CAP },
      partialOperators: failedIds,
    };
  }
  const unassigned = capped.filter((chat) => chat.operatorId === null).length;
  if (unassigned > 0) {
    return {
      chats,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once: every operator's chats are counted, but unassigned chats beyond those ${USER_CHATS_CAP} cannot be seen, so the unassigned count (${unassigned}) may be too low.`,
      partial: { code: 'unassigned_beyond_cap', count: unassigned, cap: USER_CHATS_CAP },
      // Every operator's own chats are known: only the unassigned list may be short.
      partialOperators: [],
    };
  }
  return { chats, directory, complete: true, partialReason: null, partial: null, partialOperators: [] };
}

/** `work` on every item, `limit` at a time; no new item is started once `signal` aborts. */
async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal.aborted) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}

const operators = (count: number) => (count === 1 ? '1 operator' : `${count} operators`);

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

function describe(error: unknown): string {
  return error instanceof WammError ? `${error.code}: ${error.message}` : 'unexpected error';
}
