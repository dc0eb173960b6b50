// The HTTP API's snapshot and history shapes. Types only, so the browser bundle carries none of the
// server's code.

import type { LoadFiltersBody, LoadResponse } from '@/lib/load/types';

export interface SnapshotSummaryBody {
  id: string;
  /** ISO-8601 UTC: when it was saved. */
  createdAt: string;
  /** ISO-8601 UTC: the time of the data in it. */
  asOf: string;
  label: string | null;
  savedBy: string | null;
  trigger: 'manual' | 'scheduled';
  filters: LoadFiltersBody;
  openChats: number;
  operators: number;
  oldestAgeSeconds: number | null;
  complete: boolean;
  /** The page that shows it (a shareable link). */
  url: string;
}

export interface SnapshotListResponse {
  snapshots: SnapshotSummaryBody[];
}

export interface SnapshotResponse {
  snapshot: SnapshotSummaryBody;
  /** The numbers as they were, in the live endpoint's shape (`stale` false, no upstream error). */
  load: LoadResponse;
}

export type HistoryScope = 'total' | 'operator' | 'channel' | 'team';

export interface HistoryPointBody {
  /** ISO-8601 UTC start of the step. */
  at: string;
  /** Mean open chats over the step; null when nothing was recorded in it. */
  openChats: number | null;
  openChatsMax: number | null;
  /** Longest last-message age seen in the step. */
  oldestAgeSeconds: number | null;
  /** Minutes recorded in the step (0 for a gap). */
  samples: number;
}

export interface HistoryResponse {
  from: string;
  to: string;
  by: HistoryScope;
  stepSeconds: number;
  series: Array<{ id: string; points: HistoryPointBody[] }>;
}

export interface TeamAnalyticsBody {
  teamId: string;
  name: string;
  /** Minutes with a sample in the range: fewer than `minutes` when the server was down or wamm.chat did not answer. */
  minutesRecorded: number;
  peakOpenChats: number | null;
  meanOpenChats: number | null;
  /** Minutes in which the team's open chats were above what its available operators could take. */
  minutesOverCapacity: number;
  maxOverCriticalChats: number | null;
}

export interface TeamAnalyticsResponse {
  from: string;
  to: string;
  /** Minutes in the range. */
  minutes: number;
  /** Every team of the settings, in their order. */
  teams: TeamAnalyticsBody[];
}
