import { StorageUnavailableError } from '@/lib/storage/errors';
import type { DocumentRepository } from '@/lib/storage/types';
import { summarizeChanges } from './changes';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './schema';

// The settings in force. Every refresh and every response needs them, so they are kept in memory
// and read again from the database at most every few seconds (another instance may have saved);
// while the database cannot answer, the last known settings stay in force (defaults if none were
// ever read). Saving goes to the database first: a refused or failed save changes nothing.

const DOCUMENT = 'settings';
const REREAD_MS = 5_000;

export interface SettingsState {
  settings: Settings;
  /** 0 before anything was saved. */
  revision: number;
  updatedAtMs: number | null;
  updatedBy: string | null;
}

export type SaveResult = { kind: 'saved'; state: SettingsState; summary: string } | { kind: 'conflict'; state: SettingsState };

export interface SettingsServiceOptions {
  repository: DocumentRepository;
  now?: () => number;
  monotonic?: () => number;
  log: { info(message: string): void; warn(message: string): void };
}

export class SettingsService {
  private state: SettingsState = { settings: DEFAULT_SETTINGS, revision: 0, updatedAtMs: null, updatedBy: null };
  private readAtMono = Number.NEGATIVE_INFINITY;
  private reading: Promise<SettingsState> | null = null;
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private failing = false;
  private readonly listeners = new Set<(state: SettingsState) => void>();

  constructor(private readonly options: SettingsServiceOptions) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
  }

  /** The settings in force now, from memory; starts a re-read in the background when due. */
  current(): SettingsState {
    if (this.monotonic() - this.readAtMono >= REREAD_MS) void this.reread().catch(() => {});
    return this.state;
  }

  /** Called whenever the settings in force change (a save here, or one seen from another instance). */
  onChange(listener: (state: SettingsState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored settings, read now; rejects with StorageUnavailableError when the database cannot answer. */
  async read(): Promise<SettingsState> {
    return this.reread();
  }

  /** Stores a whole new document, if `expectedRevision` (when given) is still the stored one. */
  async save(settings: Settings, by: string | null, expectedRevision?: number): Promise<SaveResult> {
    const before = await this.reread();
    if (expectedRevision !== undefined && expectedRevision !== before.revision) return { kind: 'conflict', state: before };
    const stored = await this.options.repository.put(DOCUMENT, JSON.stringify(settings), { atMs: this.now(), by, expectedRevision: before.revision });
    if (!stored) return { kind: 'conflict', state: await this.reread() };
    const state: SettingsState = { settings, revision: stored.revision, updatedAtMs: stored.updatedAtMs, updatedBy: stored.updatedBy };
    this.apply(state);
    return { kind: 'saved', state, summary: summarizeChanges(before.settings, settings) };
  }

  private reread(): Promise<SettingsState> {
    this.reading ??= this.readOnce().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readOnce(): Promise<SettingsState> {
    try {
      const stored = await this.options.repository.get(DOCUMENT);
      this.readAtMono = this.monotonic();
      if (this.failing) {
        this.failing = false;
        this.options.log.info('settings: read from the database again');
      }
      if (!stored) return this.state;
      if (stored.revision === this.state.revision) return this.state;
      const parsed = parseSettings(safeJson(stored.json));
      if (!parsed.ok) {
        // Only a hand-edited database gets here; keep what is in force and say what is wrong.
        this.options.log.warn(`settings: the stored document (revision ${stored.revision}) is not valid (${parsed.message}); keeping the settings in force`);
        return this.state;
      }
      const state: SettingsState = { settings: parsed.settings, revision: stored.revision, updatedAtMs: stored.updatedAtMs, updatedBy: stored.updatedBy };
      this.apply(state);
      return state;
    } catch (error) {
      // Try again soon, not on every request.
      this.readAtMono = this.monotonic();
      if (StorageUnavailableError.is(error) && !this.failing) {
        this.failing = true;
        this.options.log.warn(`settings: the database cannot answer (${error.reason}); the last known settings stay in force`);
      }
      throw error;
    }
  }

  private apply(state: SettingsState): void {
    const changed = state.revision !== this.state.revision;
    this.state = state;
    if (changed) for (const listener of this.listeners) listener(state);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
