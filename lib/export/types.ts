import type { LoadAggregate, LoadChat, LoadFilters } from '@/lib/load/aggregate';
import type { LoadRules } from '@/lib/load/rules';
import type { Channel, Operator } from '@/lib/model/team';

// What every export format is built from: one input, so CSV, Excel and JSON always say the same.

export interface ExportInput {
  asOfMs: number;
  /** The team's IANA zone (e.g. "Europe/Moscow"): times are written in it, ISO 8601 with its offset. */
  timezone: string;
  filters: LoadFilters;
  /** The snapshot's label; null for live data. */
  label: string | null;
  source: 'live' | 'snapshot';
  snapshotId: string | null;
  complete: boolean;
  partialReason: string | null;
  /** Already filtered, oldest first. */
  chats: readonly LoadChat[];
  operators: readonly Operator[];
  channels: readonly Channel[];
  /** The teams, capacity and thresholds the numbers are read against. */
  rules: LoadRules;
  /** For the same filters as `chats`. */
  aggregate: LoadAggregate;
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';
export type ExportRows = 'chats' | 'operators';
export type CsvSeparator = ',' | ';';

export interface ExportFile {
  /** ASCII only: safe as is in a Content-Disposition header. */
  fileName: string;
  contentType: string;
  body: Buffer | string;
}
