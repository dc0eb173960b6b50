import { USER_CHATS_CAP, type WammClient } from '@/lib/wamm/client';
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
}

export interface FetchOptions {
  client: WammClient;
  /** The directory from an earlier fetch, reused until it is due again. */
  previousDirectory: Directory | null;
  directoryDue: boolean;
  nowMs: number;
  /** Parallel per-operator calls when the all-chats call hits the cap. */
  perUserConcurrency?: number;
  onWarning?: (message: string) => void;
}

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
      fetchedAtMs: operators && channels ? options.nowMs : (options.previousDirectory?.fetchedAtMs ?? 0),
    };
  }
  const knownOperators = directory?.operators ?? options.previousDirectory?.operators ?? null;
  const usersListFailed = options.directoryDue && usersResult.status === 'rejected';

  const capped = chatsResult.value;
  if (capped.length < USER_CHATS_CAP) {
    return { chats: capped, directory, complete: true, partialReason: null, partial: null };
  }

  // The all-chats answer is capped: ask every operator for their own chats and merge.
  if (!knownOperators || (usersListFailed && knownOperators.length === 0)) {
    return {
      chats: capped,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once and the operator list could not be loaded to count the rest, so the totals are too low.`,
      partial: { code: 'operators_unavailable', count: null, cap: USER_CHATS_CAP },
    };
  }
  const byId = new Map<string, OpenChat>();
  for (const chat of capped) byId.set(chat.chatId, chat);
  const failures: WammError[] = [];
  const operatorIds = knownOperators.map((operator) => operator.id);
  await forEachLimited(operatorIds, options.perUserConcurrency ?? 4, async (operatorId) => {
    try {
      for (const chat of await client.userChats(operatorId)) byId.set(chat.chatId, chat);
    } catch (error) {
      // "user_id fail": the operator is gone from wamm.chat and has no chats to give.
      if (error instanceof WammError && error.code === 'unknown_user') return;
      failures.push(error instanceof WammError ? error : new WammError('upstream_error', { method: 'user_chats' }));
    }
  });
  const chats = [...byId.values()];

  if (failures.length > 0) {
    const first = failures[0]!;
    const who = failures.length === 1 ? '1 operator' : `${failures.length} operators`;
    return {
      chats,
      directory,
      complete: false,
      partialReason: `wamm.chat lists at most ${USER_CHATS_CAP} chats at once, and the chats of ${who} could not be loaded (${first.message}), so the totals are too low.`,
      partial: { code: 'operator_chats_failed', count: failures.length, cap: USER_CHATS_CAP },
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
    };
  }
  return { chats, directory, complete: true, partialReason: null, partial: null };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}

function describe(error: unknown): string {
  return error instanceof WammError ? `${error.code}: ${error.message}` : 'unexpected error';
}
