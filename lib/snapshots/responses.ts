import type { LoadFilters } from '@/lib/load/aggregate';
import { buildChatsResponse, buildLoadResponse, chatsFor, numbersFor, type ResponseContext } from '@/lib/load/responses';
import type { DataView } from '@/lib/load/store';
import type { SnapshotSummary } from '@/lib/storage/types';
import type { ChatsResponse } from '@/lib/load/types';
import type { ExportInput } from '@/lib/export/types';
import { maskPhone } from '@/lib/load/mask';
import type { ThawedSnapshot } from './model';
import type { SnapshotResponse, SnapshotSummaryBody } from './types';

// Snapshot bodies for the API, built by the same functions as the live ones.

const iso = (ms: number) => new Date(ms).toISOString();

export function snapshotSummaryBody(summary: SnapshotSummary): SnapshotSummaryBody {
  return {
    id: summary.id,
    createdAt: iso(summary.createdAtMs),
    asOf: iso(summary.asOfMs),
    label: summary.label,
    savedBy: summary.savedBy,
    trigger: summary.trigger,
    filters: { channel: summary.filterChannel, user: summary.filterUser, team: summary.filterTeam },
    openChats: summary.openChats,
    operators: summary.operators,
    oldestAgeSeconds: summary.oldestAgeSeconds,
    complete: summary.complete,
    url: `/snapshots/${summary.id}`,
  };
}

function contextOf(snapshot: ThawedSnapshot, live: ResponseContext): ResponseContext {
  return { ...live, demo: snapshot.document.demo, timezone: snapshot.document.timezone };
}

export function snapshotResponse(snapshot: ThawedSnapshot, live: ResponseContext): SnapshotResponse {
  return {
    snapshot: snapshotSummaryBody(snapshot.record),
    // Numbers as they were saved: never "old", never with the upstream error of that moment.
    load: { ...buildLoadResponse(snapshot.view, snapshot.document.filters, contextOf(snapshot, live)), stale: false, upstreamError: null },
  };
}

/** A snapshot's chats as whoever opens it may see them: phones cut to four digits unless shown on purpose. */
function visibleChats(snapshot: ThawedSnapshot): DataView {
  if (snapshot.document.phonesShown) return snapshot.view;
  const dataset = snapshot.view.data.dataset;
  const chats = dataset.chats.map((chat) => ({ ...chat, phone: maskPhone(chat.phone) }));
  return { ...snapshot.view, data: { ...snapshot.view.data, dataset: { ...dataset, chats } } };
}

/** The chats of a snapshot for a drill-down: within its frozen filters, narrowed by the query. */
export function snapshotChatsResponse(snapshot: ThawedSnapshot, query: LoadFilters, live: ResponseContext): ChatsResponse {
  const frozen = snapshot.document.filters;
  const filters = { channel: frozen.channel ?? query.channel, user: frozen.user ?? query.user, team: frozen.team ?? query.team };
  const conflicting =
    (frozen.channel && query.channel && query.channel !== frozen.channel) ||
    (frozen.user && query.user && query.user !== frozen.user) ||
    (frozen.team && query.team && query.team !== frozen.team);
  const body = buildChatsResponse(visibleChats(snapshot), filters, contextOf(snapshot, live));
  return conflicting ? { ...body, filters: query, chats: [] } : body;
}

/** A snapshot's export: its frozen filters, its label, its time zone, its phones as it shows them. */
export function snapshotExportInput(snapshot: ThawedSnapshot): ExportInput {
  return exportInputOf(visibleChats(snapshot), snapshot.document.filters, {
    timezone: snapshot.document.timezone,
    label: snapshot.record.label,
    snapshotId: snapshot.record.id,
  });
}

/** What an export needs, from a view (live or a snapshot's) and the filters of the export. */
export function exportInputOf(
  view: DataView,
  filters: LoadFilters,
  source: { timezone: string; label: string | null; snapshotId: string | null },
): ExportInput {
  const { dataset } = view.data;
  return {
    asOfMs: dataset.asOfMs,
    timezone: source.timezone,
    filters,
    label: source.label,
    source: source.snapshotId ? 'snapshot' : 'live',
    snapshotId: source.snapshotId,
    complete: view.data.complete,
    partialReason: view.data.partialReason,
    chats: chatsFor(view.data, filters),
    operators: dataset.operators,
    channels: dataset.channels,
    rules: view.data.rules,
    aggregate: numbersFor(view.data, filters),
  };
}
