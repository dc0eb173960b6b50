import 'server-only';
import type { Coordinator } from '@/lib/cluster/types';
import { buildExport } from '@/lib/export';
import { NO_FILTERS } from '@/lib/load/aggregate';
import type { LoadStore } from '@/lib/load/store';
import type { SettingsService } from '@/lib/settings/service';
import { nextScheduledAt } from '@/lib/snapshots/schedule';
import { exportInputOf } from '@/lib/snapshots/responses';
import type { HistoryRepository, MoveRepository } from '@/lib/storage/types';
import type { DeliveryPayload } from './channels';
import { clockOf, type AlertLang } from './messages';

// The shift report: at each shift end (the settings' `report.at` times, else SNAPSHOT_AT), one
// instance sums up the shift from the minute history and the moves log — peak and mean open chats,
// the longest wait, minutes over capacity per team, moves made — and queues it: by e-mail with the
// workbook of the load at the shift's end attached, as text to Telegram and the webhook.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CHECK_MS = 30_000;

export interface ShiftSummary {
  fromMs: number;
  toMs: number;
  peakOpenChats: number;
  /** Mean over the minutes recorded, 1 decimal; null when none were. */
  meanOpenChats: number | null;
  longestWaitSeconds: number | null;
  minutesOverCapacity: Array<{ teamId: string; teamName: string; minutes: number }>;
  movesMade: number;
  minutesRecorded: number;
}

export interface ShiftReportsOptions {
  history: HistoryRepository;
  moves: MoveRepository;
  store: Pick<LoadStore, 'view' | 'refreshIfDue'>;
  settings: Pick<SettingsService, 'current'>;
  /** SNAPSHOT_AT, minutes after midnight in `timezone`. */
  snapshotAtMinutes: readonly number[];
  timezone: string;
  coordinator?: Pick<Coordinator, 'once'> | null;
  lang: () => AlertLang;
  /** Queues the report (AlertsService.enqueue). */
  enqueue: (eventId: string, messageId: string, payloads: { webhook: DeliveryPayload; telegram: DeliveryPayload; email: DeliveryPayload }) => Promise<number>;
  now?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export class ShiftReports {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  /** Shift ends up to here are done (or were before this process started). */
  private doneUpToMs: number;

  constructor(private readonly options: ShiftReportsOptions) {
    this.now = options.now ?? Date.now;
    this.doneUpToMs = this.now();
  }

  start(): void {
    this.timer = setInterval(() => void this.reportIfDue().catch((error: unknown) => this.options.log.warn(`shift report failed: ${error instanceof Error ? error.message : 'unknown error'}`)), CHECK_MS);
    this.timer.unref?.();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The shift ends, minutes after midnight: the settings' own, else SNAPSHOT_AT. */
  schedule(): number[] {
    const { at } = this.options.settings.current().settings.alerts.report;
    if (at === null) return [...this.options.snapshotAtMinutes];
    return [...new Set(at.map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))))].sort((a, b) => a - b);
  }

  /** The latest shift end at or before `atMs`, and the one before it (the shift's start). */
  shiftEndingBy(atMs: number): { fromMs: number; toMs: number } | null {
    const schedule = { atMinutes: this.schedule(), everyMs: null, timezone: this.options.timezone };
    let cursor = nextScheduledAt(atMs - 2 * DAY_MS, schedule);
    if (cursor === null) return null;
    const ends: number[] = [];
    while (cursor !== null && cursor <= atMs) {
      ends.push(cursor);
      cursor = nextScheduledAt(cursor, schedule);
    }
    const toMs = ends.at(-1);
    if (toMs === undefined) return null;
    return { fromMs: ends.at(-2) ?? toMs - DAY_MS, toMs };
  }

  /** Sends the report of a shift that has ended since the last check; true when one was queued here. */
  async reportIfDue(): Promise<boolean> {
    if (!this.options.settings.current().settings.alerts.report.enabled) return false;
    const shift = this.shiftEndingBy(this.now());
    if (!shift || shift.toMs <= this.doneUpToMs) return false;
    this.doneUpToMs = shift.toMs;
    return this.send(shift);
  }

  /** Sums up and queues the report of one shift, once cluster-wide. */
  async send(shift: { fromMs: number; toMs: number }): Promise<boolean> {
    const { coordinator } = this.options;
    if (coordinator && !(await coordinator.once(`alerts:report:${shift.toMs}`, 2 * DAY_MS).catch(() => true))) return false;
    const summary = await this.summarize(shift.fromMs, shift.toMs);
    const lang = this.options.lang();
    const text = reportText(summary, lang, this.options.timezone, this.now());
    const subject = text.split('\n')[0]!;
    const base: DeliveryPayload = { text, subject, alert: null, report: reportBody(summary) };
    const email: DeliveryPayload = { ...base, report: undefined };
    await this.options.store.refreshIfDue()?.catch(() => null);
    const view = this.options.store.view();
    if (view.data) {
      const file = await buildExport(exportInputOf({ ...view, data: view.data }, NO_FILTERS, { timezone: this.options.timezone, label: null, snapshotId: null }), {
        format: 'xlsx',
        rows: 'chats',
        sep: ',',
      });
      email.attachment = { fileName: file.fileName, contentType: file.contentType, base64: Buffer.from(file.body).toString('base64') };
    }
    const added = await this.options.enqueue(`report:${shift.toMs}`, 'report', { webhook: base, telegram: base, email });
    this.options.log.info(`shift report queued: ${summary.minutesRecorded} minutes recorded, peak ${summary.peakOpenChats} open chats`);
    return added > 0;
  }

  /** The shift's numbers from the minute history and the moves log. */
  async summarize(fromMs: number, toMs: number): Promise<ShiftSummary> {
    const { history, moves, settings } = this.options;
    const window = { fromMs, toMs, stepMs: MINUTE_MS };
    const [total] = await history.query({ scope: 'total', ...window });
    const points = total?.points ?? [];
    let sum = 0;
    let samples = 0;
    let peak = 0;
    let longest: number | null = null;
    for (const point of points) {
      sum += point.openChats * point.samples;
      samples += point.samples;
      peak = Math.max(peak, point.openChatsMax);
      if (point.oldestAgeSeconds !== null) longest = Math.max(longest ?? 0, point.oldestAgeSeconds);
    }
    const teams = await history.query({ scope: 'team', ...window });
    const capacities = await history.query({ scope: 'team_capacity', ...window });
    const names = new Map(settings.current().settings.teams.map((team) => [team.id, team.name]));
    const minutesOverCapacity = teams
      .map((series) => {
        const capacity = new Map((capacities.find((entry) => entry.scopeId === series.scopeId)?.points ?? []).map((point) => [point.atMs, point.openChatsMax]));
        const minutes = series.points.filter((point) => capacity.has(point.atMs) && point.openChatsMax > capacity.get(point.atMs)!).length;
        return { teamId: series.scopeId, teamName: names.get(series.scopeId) ?? series.scopeId, minutes };
      })
      .filter((entry) => names.has(entry.teamId));
    const made = (await moves.list({ sinceMs: fromMs })).filter((move) => move.atMs < toMs && move.status === 'moved').length;
    return {
      fromMs,
      toMs,
      peakOpenChats: peak,
      meanOpenChats: samples > 0 ? Math.round((sum / samples) * 10) / 10 : null,
      longestWaitSeconds: longest,
      minutesOverCapacity,
      movesMade: made,
      minutesRecorded: samples,
    };
  }
}

function reportBody(summary: ShiftSummary) {
  return {
    from: new Date(summary.fromMs).toISOString(),
    to: new Date(summary.toMs).toISOString(),
    peakOpenChats: summary.peakOpenChats,
    meanOpenChats: summary.meanOpenChats,
    longestWaitSeconds: summary.longestWaitSeconds,
    minutesOverCapacity: summary.minutesOverCapacity,
    movesMade: summary.movesMade,
  };
}

const minutesOf = (seconds: number | null) => (seconds === null ? '—' : String(Math.round(seconds / 60)));

export function reportText(summary: ShiftSummary, lang: AlertLang, timezone: string, nowMs: number): string {
  const from = clockOf(summary.fromMs, nowMs, timezone, lang);
  const to = clockOf(summary.toMs, nowMs, timezone, lang);
  const mean = summary.meanOpenChats === null ? '—' : String(summary.meanOpenChats);
  const over = summary.minutesOverCapacity.map((team) => `${team.teamName}: ${team.minutes}`).join(', ');
  if (lang === 'ru') {
    return [
      `Итоги смены ${from}–${to}`,
      `Открытых чатов: пик ${summary.peakOpenChats}, в среднем ${mean}`,
      `Самое долгое ожидание: ${minutesOf(summary.longestWaitSeconds)} мин`,
      `Минут сверх нормы: ${over || '—'}`,
      `Переводов сделано: ${summary.movesMade}`,
    ].join('\n');
  }
  return [
    `Shift summary ${from}–${to}`,
    `Open chats: peak ${summary.peakOpenChats}, mean ${mean}`,
    `Longest wait: ${minutesOf(summary.longestWaitSeconds)} min`,
    `Minutes over capacity: ${over || '—'}`,
    `Moves made: ${summary.movesMade}`,
  ].join('\n');
}
