// A wall display is configured entirely by its URL, so each TV can show its own view and a
// supervisor can set one up by copying a link. Unknown or out-of-range values fall back to the
// defaults rather than blanking the screen: nobody is there to read an error.

import { isLocale, type Locale } from '@/lib/i18n/locales';
import { TEAM_ID } from '@/lib/settings/team-id';

/** Every panel, in the order a screen shows them. */
export const TV_PANELS = ['headline', 'teams', 'operators', 'channels', 'ages', 'waiting'] as const;
export type TvPanel = (typeof TV_PANELS)[number];
/**
 * What a display shows when its URL names no panels. The team panel is asked for by name: a display
 * set up before teams existed keeps its screens, rather than starting to rotate.
 */
export const TV_DEFAULT_PANELS: readonly TvPanel[] = ['headline', 'operators', 'channels', 'ages', 'waiting'];
export const TV_THEMES = ['dark', 'light', 'contrast'] as const;
export type TvTheme = (typeof TV_THEMES)[number];

export interface TvConfig {
  panels: TvPanel[];
  channel: string | null;
  user: string | null;
  /** A team of the settings: its operators' chats and the unassigned ones on its channels. */
  team: string | null;
  /** Panels per screen besides the headline: 4 (2×2), 2 or 1; more panels than that rotate. */
  perPage: 1 | 2 | 4;
  /** Seconds per page when the panels take more than one screen. */
  rotateSeconds: number;
  theme: TvTheme;
  /**
   * Chats whose last message is at least this old count as waiting too long; null = the settings'
   * critical wait, which the server applies and names in its answer.
   */
  thresholdMinutes: number | null;
  /** Show customer names in the longest-waiting list (never phones): only when the URL asks. */
  names: boolean;
  /** Night dimming, local time: [from, to) in minutes after midnight; null = never. */
  dim: { fromMinute: number; toMinute: number } | null;
  /** Poll interval override in ms (testing and soak runs); null = the server's refresh interval. */
  pollMs: number | null;
  /** The display's language (the server renders it; see proxy.ts); null = the TV browser's. */
  lang: Locale | null;
  /** A chime when an alert starts firing: only when the URL asks (`sound=1`). */
  sound: boolean;
}

export const TV_DEFAULTS: TvConfig = {
  panels: [...TV_DEFAULT_PANELS],
  channel: null,
  user: null,
  team: null,
  perPage: 4,
  rotateSeconds: 20,
  theme: 'dark',
  thresholdMinutes: null,
  names: false,
  dim: null,
  pollMs: null,
  lang: null,
  sound: false,
};

const id = (value: string | null) => (value && /^\d{1,20}$/.test(value) ? value : null);

function intIn(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** A waiting threshold the URL sets, in minutes (up to a week); anything else leaves it to the settings. */
function minutesOrNull(value: string | null): number | null {
  const minutes = intIn(value, 1, 7 * 24 * 60, 0);
  return minutes === 0 ? null : minutes;
}

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseDim(value: string | null): TvConfig['dim'] {
  const [from, to] = (value ?? '').split('-');
  const a = CLOCK.exec(from ?? '');
  const b = CLOCK.exec(to ?? '');
  if (!a || !b) return null;
  const fromMinute = Number(a[1]) * 60 + Number(a[2]);
  const toMinute = Number(b[1]) * 60 + Number(b[2]);
  return fromMinute === toMinute ? null : { fromMinute, toMinute };
}

export function parseTvConfig(params: URLSearchParams): TvConfig {
  const panelsParam = params.get('panels');
  const panels = panelsParam
    ? TV_PANELS.filter((panel) => panelsParam.split(',').map((part) => part.trim()).includes(panel))
    : TV_DEFAULTS.panels;
  const perPage = intIn(params.get('perPage'), 1, 4, 4);
  const theme = params.get('theme');
  const pollMs = params.get('pollMs');
  return {
    panels: panels.length > 0 ? panels : TV_DEFAULTS.panels,
    channel: id(params.get('channel')),
    user: id(params.get('user')),
    team: TEAM_ID.test(params.get('team') ?? '') ? params.get('team') : null,
    perPage: perPage === 1 || perPage === 2 ? perPage : 4,
    rotateSeconds: intIn(params.get('rotate'), 5, 3600, TV_DEFAULTS.rotateSeconds),
    theme: (TV_THEMES as readonly string[]).includes(theme ?? '') ? (theme as TvTheme) : 'dark',
    thresholdMinutes: minutesOrNull(params.get('threshold')),
    names: params.get('names') === '1',
    dim: parseDim(params.get('dim')),
    pollMs: pollMs === null ? null : intIn(pollMs, 50, 3_600_000, 0) || null,
    lang: isLocale(params.get('lang')) ? (params.get('lang') as Locale) : null,
    sound: params.get('sound') === '1',
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** The URL query for a configuration, defaults left out so links stay short. */
export function tvConfigToSearch(config: TvConfig): string {
  const params = new URLSearchParams();
  if (config.panels.join(',') !== TV_DEFAULTS.panels.join(',')) params.set('panels', config.panels.join(','));
  if (config.channel) params.set('channel', config.channel);
  if (config.user) params.set('user', config.user);
  if (config.team) params.set('team', config.team);
  if (config.perPage !== 4) params.set('perPage', String(config.perPage));
  if (config.rotateSeconds !== TV_DEFAULTS.rotateSeconds) params.set('rotate', String(config.rotateSeconds));
  if (config.theme !== 'dark') params.set('theme', config.theme);
  if (config.thresholdMinutes !== null) params.set('threshold', String(config.thresholdMinutes));
  if (config.names) params.set('names', '1');
  if (config.dim) params.set('dim', `${clock(config.dim.fromMinute)}-${clock(config.dim.toMinute)}`);
  if (config.pollMs) params.set('pollMs', String(config.pollMs));
  if (config.lang) params.set('lang', config.lang);
  if (config.sound) params.set('sound', '1');
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Whether local time `minute` (after midnight) falls in the dimming window, which may span midnight. */
export function isDimmed(dim: TvConfig['dim'], minute: number): boolean {
  if (!dim) return false;
  return dim.fromMinute < dim.toMinute
    ? minute >= dim.fromMinute && minute < dim.toMinute
    : minute >= dim.fromMinute || minute < dim.toMinute;
}

/** The panels besides the headline, split into screens of `perPage`. */
export function tvPages(config: TvConfig): TvPanel[][] {
  const body = config.panels.filter((panel) => panel !== 'headline');
  const pages: TvPanel[][] = [];
  for (let i = 0; i < body.length; i += config.perPage) pages.push(body.slice(i, i + config.perPage));
  return pages.length > 0 ? pages : [[]];
}
