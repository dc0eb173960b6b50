import { aggregate, compileFilters, matchesFilters, operatorRowId, type LoadAggregate, type LoadChat, type LoadFilters } from './aggregate';
import type { DataView, LoadData, StoreView } from './store';
import type { ClusterHealth } from '@/lib/cluster/types';
import type { StorageHealth } from '@/lib/storage/types';
import type { ChatsResponse, DataStatus, HealthResponse, LoadResponse, WaitingResponse } from './types';

// Response bodies of the data endpoints, serialized once per data version and filter: a thousand
// viewers polling the same view cost one JSON.stringify per refresh, not one per request.

export interface ResponseContext {
  demo: boolean;
  refreshSeconds: number;
  timezone: string;
  version: string;
}

const MAX_CACHED_BODIES = 256;

export class ResponseCache {
  private key = '';
  private bodies = new Map<string, string>();

  /** The cached body for this data version and view, or the result of `build`, stored. */
  get(view: StoreView, kind: string, filters: LoadFilters, build: () => unknown): string {
    const key = `${view.version}|${view.stale ? 1 : 0}`;
    if (key !== this.key) {
      this.key = key;
      this.bodies.clear();
    }
    const bodyKey = `${kind}|${filters.channel ?? ''}|${filters.user ?? ''}|${filters.team ?? ''}`;
    let body = this.bodies.get(bodyKey);
    if (body === undefined) {
      body = JSON.stringify(build());
      if (this.bodies.size >= MAX_CACHED_BODIES) this.bodies.clear();
      this.bodies.set(bodyKey, body);
    }
    return body;
  }
}

function dataStatus(view: DataView, context: ResponseContext): DataStatus {
  const snapshot = view.data;
  return {
    asOf: new Date(snapshot.dataset.asOfMs).toISOString(),
    stale: view.stale,
    complete: snapshot.complete,
    ...(snapshot.partialReason ? { partialReason: snapshot.partialReason } : {}),
    ...(snapshot.partial ? { partial: snapshot.partial } : {}),
    demo: context.demo,
    refreshSeconds: context.refreshSeconds,
    nextRefreshAt: new Date(nextRefreshAtMs(view, context.refreshSeconds * 1000)).toISOString(),
    upstreamError: view.upstreamError,
  };
}

const MAX_BACKOFF_MS = 60_000;

/**
 * When newer data is due: one interval after the last attempt, or the backoff while wamm.chat fails
 * (the same rule as the store's, lib/load/store.ts). From the shared state, so it is the same on
 * every instance; a page polls a second after it rather than on a clock of its own.
 */
export function nextRefreshAtMs(view: Pick<StoreView, 'data' | 'lastErrorAtMs' | 'consecutiveFailures' | 'upstreamError'>, refreshMs: number): number {
  const asOfMs = view.data?.dataset.asOfMs ?? 0;
  if (view.upstreamError === null || view.consecutiveFailures === 0) return asOfMs + refreshMs;
  const backoff = Math.min(MAX_BACKOFF_MS, refreshMs * 2 ** (view.consecutiveFailures - 1));
  return Math.max(asOfMs, view.lastErrorAtMs ?? asOfMs) + backoff;
}

/** The numbers of a view: the unfiltered ones counted once per refresh, a filtered view counted now. */
export function numbersFor(data: LoadData, filters: LoadFilters): LoadAggregate {
  const unfiltered = filters.channel === null && filters.user === null && filters.team === null;
  return unfiltered ? data.unfiltered : aggregate(data.dataset, filters, data.rules);
}

/** The chats a view counts, oldest first. */
export function chatsFor(data: LoadData, filters: LoadFilters): LoadChat[] {
  if (filters.channel === null && filters.user === null && filters.team === null) return data.dataset.chats;
  const compiled = compileFilters(filters, data.rules);
  return data.dataset.chats.filter((chat) => matchesFilters(chat, compiled));
}

export function buildLoadResponse(view: DataView, filters: LoadFilters, context: ResponseContext): LoadResponse {
  return { ...dataStatus(view, context), filters, ...numbersFor(view.data, filters) };
}

/** Chats oldest first. */
export function buildChatsResponse(view: DataView, filters: LoadFilters, context: ResponseContext): ChatsResponse {
  const snapshot = view.data;
  const status = dataStatus(view, context);
  const chats: ChatsResponse['chats'] = [];
  for (const chat of chatsFor(snapshot, filters)) {
    chats.push({
      chatId: chat.chatId,
      chatName: chat.chatName,
      phone: chat.phone,
      avatar: chat.avatar,
      userId: operatorRowId(chat),
      apiId: chat.channelId ?? '',
      lastMessageAt: chat.lastMessageMs === null ? null : new Date(chat.lastMessageMs).toISOString(),
      ageSeconds: chat.ageSeconds,
      group: chat.group,
    });
  }
  return {
    asOf: status.asOf,
    stale: status.stale,
    complete: status.complete,
    ...(status.partialReason ? { partialReason: status.partialReason } : {}),
    ...(status.partial ? { partial: status.partial } : {}),
    filters,
    chats,
  };
}

export interface WaitingQuery {
  limit: number;
  thresholdSeconds: number;
  names: boolean;
}

/** The longest-waiting chats for a wall display: who has them and for how long, names only on request. */
export function buildWaitingResponse(view: DataView, filters: LoadFilters, query: WaitingQuery): WaitingResponse {
  const { dataset } = view.data;
  const operators = new Map(dataset.operators.map((operator) => [operator.id, operator.name]));
  const channels = new Map(dataset.channels.map((channel) => [channel.id, channel.name]));
  const chats: WaitingResponse['chats'] = [];
  let overThreshold = 0;
  // Chats are sorted oldest first: the first `limit` that match are the longest waiting.
  for (const chat of chatsFor(view.data, filters)) {
    if (chat.ageSeconds !== null && chat.ageSeconds >= query.thresholdSeconds) overThreshold++;
    if (chats.length >= query.limit || chat.ageSeconds === null) continue;
    chats.push({
      chatId: chat.chatId,
      userId: operatorRowId(chat),
      operatorName: chat.operatorId === null ? null : (operators.get(chat.operatorId) ?? null),
      apiId: chat.channelId ?? '',
      channelName: chat.channelId === null ? null : (channels.get(chat.channelId) ?? null),
      lastMessageAt: chat.lastMessageMs === null ? null : new Date(chat.lastMessageMs).toISOString(),
      ageSeconds: chat.ageSeconds,
      ...(query.names ? { chatName: chat.chatName, phone: chat.phone } : {}),
    });
  }
  return {
    asOf: new Date(dataset.asOfMs).toISOString(),
    stale: view.stale,
    filters,
    overThreshold,
    thresholdSeconds: query.thresholdSeconds,
    chats,
  };
}

const FUTURE_TOLERANCE_SECONDS = 60;

export function buildHealthResponse(
  view: StoreView,
  context: ResponseContext,
  storage: StorageHealth,
  cluster: ClusterHealth & { role: 'refreshing' | 'following' | 'alone' } = { mode: 'single', ok: true, redis: null, problem: null, failingSinceMs: null, role: 'alone' },
): HealthResponse {
  const snapshot = view.data;
  const futureSeconds = snapshot && snapshot.maxFutureSeconds > FUTURE_TOLERANCE_SECONDS ? snapshot.maxFutureSeconds : null;
  const status = !snapshot ? 'down' : view.stale || !snapshot.complete || futureSeconds !== null || !storage.ok || !cluster.ok ? 'degraded' : 'ok';
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    status,
    version: context.version,
    demo: context.demo,
    refreshSeconds: context.refreshSeconds,
    asOf: snapshot ? iso(snapshot.dataset.asOfMs) : null,
    stale: view.stale,
    complete: snapshot?.complete ?? false,
    ...(snapshot?.partialReason ? { partialReason: snapshot.partialReason } : {}),
    upstream: {
      lastSuccessAt: iso(view.lastSuccessAtMs),
      lastErrorAt: iso(view.lastErrorAtMs),
      lastError: view.upstreamError,
      consecutiveFailures: view.consecutiveFailures,
    },
    cluster: {
      mode: cluster.mode,
      ok: cluster.ok,
      redis: cluster.redis,
      problem: cluster.problem,
      failingSince: iso(cluster.failingSinceMs),
      role: cluster.role,
    },
    storage: {
      ok: storage.ok,
      database: storage.database,
      problem: storage.problem,
      failingSince: iso(storage.failingSinceMs),
    },
    timezone: {
      name: context.timezone,
      suspect: futureSeconds !== null,
      futureSeconds,
      message: futureSeconds === null ? null : timezoneHint(futureSeconds, context.timezone),
    },
  };
}

/** "… about 3 h ahead …": offsets come in whole or half hours, so round to the nearest 30 min. */
export function timezoneHint(futureSeconds: number, timezone: string): string {
  const halfHours = Math.max(1, Math.round(futureSeconds / 1800));
  const offset = halfHours % 2 === 0 ? `${halfHours / 2} h` : `${(halfHours / 2).toFixed(1)} h`;
  return (
    `Some last-message times are about ${offset} in the future. wamm.chat gives them without a time zone and ` +
    `chatload reads them as ${timezone} (WAMM_TIMEZONE); if that is not the account's zone, set WAMM_TIMEZONE ` +
    `to a zone ${offset} ahead of it. Until then these chats count as 0 s old.`
  );
}
