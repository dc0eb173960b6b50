import { z } from 'zod';
import { TEAM_ID } from './team-id';

// The settings document: teams, capacity, thresholds, availability and balancing, kept as one JSON
// document that a manager reads, edits, exports and imports whole. Parsed here, once; a document
// that fails is refused whole with the first problem named by its path (`teams[1].id`).
//
// Later sections (alerts, more of balancing) get their defaults when a document lacks them, so a
// file exported today still imports after an upgrade. Unknown fields are refused: a typo in an
// imported file should be said, not silently dropped.

export const SETTINGS_VERSION = 1;
export const MAX_TEAMS = 100;
const MAX_MEMBERS = 2000;
const MAX_MINUTES = 7 * 24 * 60;

const operatorId = z.string({ message: 'must be an operator id (user_id) as text, digits only' }).regex(/^\d{1,20}$/, { message: 'must be an operator id (user_id), digits only' });
const channelId = z.string({ message: 'must be a channel id (api_id) as text, digits only' }).regex(/^\d{1,20}$/, { message: 'must be a channel id (api_id), digits only' });
const capacity = z
  .number({ message: 'must be a whole number of chats (0 or more), or null for no limit' })
  .int({ message: 'must be a whole number of chats' })
  .min(0, { message: 'must be 0 or more' })
  .max(10_000, { message: 'must be at most 10000' })
  .nullable();
const minutes = (what: string) =>
  z
    .number({ message: `must be a number of minutes (${what})` })
    .int({ message: 'must be a whole number of minutes' })
    .min(1, { message: 'must be at least 1 minute' })
    .max(MAX_MINUTES, { message: `must be at most ${MAX_MINUTES} minutes (a week)` });

const uniqueIds = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item, { message: `must be a list of ${what}` }).max(MAX_MEMBERS, { message: `may hold at most ${MAX_MEMBERS} ${what}` }).superRefine((ids, context) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) context.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` });
      seen.add(id);
    });
  });

const teamSchema = z.strictObject(
  {
    id: z.string({ message: 'must be text' }).regex(TEAM_ID, { message: 'must be 1 to 40 lower-case letters, digits or dashes, such as support or sales-2' }),
    name: z.string({ message: 'must be text' }).trim().min(1, { message: 'must not be empty' }).max(80, { message: 'must be at most 80 characters' }),
    operatorIds: uniqueIds(operatorId, 'operator ids').default([]),
    channelIds: uniqueIds(channelId, 'channel ids').default([]),
  },
  { message: 'may hold only id, name, operatorIds and channelIds' },
);

export const BALANCING_MODES = ['off', 'suggest', 'auto'] as const;

const clockTime = z.string({ message: 'must be a time such as 22:00' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 22:00 (HH:MM, 24 h)' });

/** Hours of the team's day (WAMM_TIMEZONE) when nothing is moved by itself; from = to means none. */
export const quietHoursSchema = z
  .strictObject({ from: clockTime, to: clockTime }, { message: 'may hold only from and to' })
  .nullable()
  .default(null);

const ruleSwitch = z.boolean({ message: 'must be true or false' });

const balancingSchema = z.strictObject(
  {
    mode: z.enum(BALANCING_MODES, { message: 'must be off, suggest or auto' }).default('off'),
    rules: z
      .strictObject(
        {
          unassigned: ruleSwitch.default(true),
          awayOperators: ruleSwitch.default(true),
          overCapacity: ruleSwitch.default(true),
          waitingTooLong: ruleSwitch.default(false),
          /** With waitingTooLong: minutes past the critical threshold before a chat is moved (once). */
          waitingTooLongMinutes: minutes('past the critical threshold before a waiting chat is moved').default(30),
        },
        { message: 'may hold only unassigned, awayOperators, overCapacity, waitingTooLong and waitingTooLongMinutes' },
      )
      .default({ unassigned: true, awayOperators: true, overCapacity: true, waitingTooLong: false, waitingTooLongMinutes: 30 }),
    excludedOperatorIds: uniqueIds(operatorId, 'operator ids').default([]),
    /** A chat moved is not moved again for this many hours (no ping-pong). */
    noRepeatHours: z.number({ message: 'must be a number of hours' }).int({ message: 'must be a whole number of hours' }).min(0).max(168).default(4),
    intervalMinutes: minutes('between automatic runs').default(5),
    maxMovesPerRun: z.number({ message: 'must be a number of moves' }).int({ message: 'must be a whole number' }).min(1).max(500).default(20),
    maxMovesPerOperatorPerHour: z.number({ message: 'must be a number of moves' }).int({ message: 'must be a whole number' }).min(1).max(500).default(10),
    quietHours: quietHoursSchema,
  },
  {
    message:
      'may hold only mode, rules, excludedOperatorIds, noRepeatHours, intervalMinutes, maxMovesPerRun, maxMovesPerOperatorPerHour and quietHours',
  },
);


// ── Alerts ─────────────────────────────────────────────────────────────────────────────────────

export const ALERT_RULE_KINDS = ['critical_chats', 'over_capacity', 'unassigned', 'channel_down', 'upstream_down', 'partial_data', 'future_times', 'rebalancing'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];
export const ALERT_CHANNEL_KINDS = ['webhook', 'telegram', 'email'] as const;
export const ALERT_LANGS = ['ru', 'en'] as const;

const alertRuleSchema = z.strictObject(
  {
    id: z.string({ message: 'must be text' }).regex(TEAM_ID, { message: 'must be 1 to 40 lower-case letters, digits or dashes, such as critical-support' }),
    kind: z.enum(ALERT_RULE_KINDS, { message: `must be one of ${ALERT_RULE_KINDS.join(', ')}` }),
    enabled: ruleSwitch.default(true),
    /** How many (chats, operators, channels, moves) it takes; 1 unless said. */
    threshold: z.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(100_000, { message: 'must be at most 100000' }).default(1),
    /** A team of `teams`, or null for everyone. */
    teamId: z.string({ message: 'must be a team id or null' }).regex(TEAM_ID, { message: 'must be a team id' }).nullable().default(null),
    /** How long the condition must hold before it fires; 0 fires at once. */
    forMinutes: z.number({ message: 'must be a number of minutes' }).int({ message: 'must be a whole number of minutes' }).min(0, { message: 'must be 0 or more' }).max(MAX_MINUTES, { message: `must be at most ${MAX_MINUTES} minutes (a week)` }).default(0),
    /** Where its messages go; empty = every configured channel. */
    channelIds: z.array(z.enum(ALERT_CHANNEL_KINDS, { message: 'must be webhook, telegram or email' }), { message: 'must be a list of channels (webhook, telegram, email)' }).max(3).default([]),
    repeatMinutes: minutes('between reminders while it holds').default(60),
    quietHours: quietHoursSchema,
  },
  { message: 'may hold only id, kind, enabled, threshold, teamId, forMinutes, channelIds, repeatMinutes and quietHours' },
);
export type AlertRule = z.output<typeof alertRuleSchema>;

const alertsSchema = z.strictObject(
  {
    /** null: not configured yet; the defaults apply once a channel is (lib/alerts/rules.ts). */
    rules: z.array(alertRuleSchema, { message: 'must be a list of rules' }).max(100, { message: 'may hold at most 100 rules' }).nullable().default(null),
    /** null: ALERT_LANG, else Russian. */
    lang: z.enum(ALERT_LANGS, { message: 'must be ru, en or null' }).nullable().default(null),
    /** Targets that override the environment's; never a secret (the bot token and SMTP stay in the environment). */
    webhookUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullable().default(null),
    telegramChatId: z.string({ message: 'must be a chat id as text' }).regex(/^(-?\d{1,20}|@\w{4,64})$/, { message: 'must be a chat id such as -1001234567890 or @channel' }).nullable().default(null),
    emailTo: z.array(z.email({ message: 'must be an e-mail address' }), { message: 'must be a list of e-mail addresses' }).max(50).nullable().default(null),
    report: z
      .strictObject(
        {
          enabled: ruleSwitch.default(false),
          /** Shift ends (HH:MM in WAMM_TIMEZONE); null: the SNAPSHOT_AT times. */
          at: z.array(clockTime, { message: 'must be a list of times such as 08:00' }).max(24).nullable().default(null),
        },
        { message: 'may hold only enabled and at' },
      )
      .default({ enabled: false, at: null }),
  },
  { message: 'may hold only rules, lang, webhookUrl, telegramChatId, emailTo and report' },
);

export const settingsSchema = z
  .strictObject(
    {
      version: z.literal(SETTINGS_VERSION, { message: `must be ${SETTINGS_VERSION} (this chatload reads settings of version ${SETTINGS_VERSION})` }),
      teams: z
        .array(teamSchema, { message: 'must be a list of teams' })
        .max(MAX_TEAMS, { message: `may hold at most ${MAX_TEAMS} teams` })
        .default([]),
      capacity: z
        .strictObject(
          {
            default: capacity.default(null),
            operators: z.record(operatorId, capacity, { message: 'must map operator ids to a capacity (or null)' }).default({}),
          },
          { message: 'may hold only default and operators' },
        )
        .default({ default: null, operators: {} }),
      thresholds: z
        .strictObject(
          { warningMinutes: minutes('a wait worth a warning'), criticalMinutes: minutes('a wait that is critical') },
          { message: 'may hold only warningMinutes and criticalMinutes' },
        )
        .default({ warningMinutes: 5, criticalMinutes: 15 }),
      availability: z
        .strictObject({ awayAfterMinutes: minutes('inactivity after which an operator counts as away') }, { message: 'may hold only awayAfterMinutes' })
        .default({ awayAfterMinutes: 30 }),
      balancing: balancingSchema.default(balancingSchema.parse({})),
      alerts: alertsSchema.default(alertsSchema.parse({})),
    },
    { message: 'may hold only version, teams, capacity, thresholds, availability, balancing and alerts' },
  )
  .superRefine((settings, context) => {
    const ids = new Map<string, number>();
    settings.teams.forEach((team, index) => {
      const first = ids.get(team.id);
      if (first !== undefined) context.addIssue({ code: 'custom', path: ['teams', index, 'id'], message: `"${team.id}" is already the id of teams[${first}]` });
      else ids.set(team.id, index);
    });
    if (settings.thresholds.warningMinutes >= settings.thresholds.criticalMinutes) {
      context.addIssue({ code: 'custom', path: ['thresholds', 'warningMinutes'], message: 'must be less than criticalMinutes' });
    }
    const ruleIds = new Set<string>();
    settings.alerts.rules?.forEach((rule, index) => {
      if (ruleIds.has(rule.id)) context.addIssue({ code: 'custom', path: ['alerts', 'rules', index, 'id'], message: `"${rule.id}" is the id of another rule` });
      ruleIds.add(rule.id);
      if (rule.teamId !== null && !ids.has(rule.teamId)) context.addIssue({ code: 'custom', path: ['alerts', 'rules', index, 'teamId'], message: `"${rule.teamId}" is not a team of teams` });
    });
  });

export type Settings = z.output<typeof settingsSchema>;
export type TeamSettings = Settings['teams'][number];
export type AlertSettings = Settings['alerts'];

/** The settings of a chatload nobody has configured yet: no teams, no capacity limits. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({ version: SETTINGS_VERSION });

/** A zod issue path as a reader writes it: `teams[1].id`, `capacity.operators.8101`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export type SettingsParse = { ok: true; settings: Settings } | { ok: false; field: string; message: string };

/** Parses a whole document; the first problem names its field. */
export function parseSettings(input: unknown): SettingsParse {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, field: '', message: 'the settings must be a JSON object' };
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = fieldPath(issue.path);
  return { ok: false, field, message: field ? `${field} ${issue.message}` : `the settings ${issue.message}` };
}
