import { describe, expect, it } from 'vitest';
import { summarizeChanges } from './changes';
import { DEFAULT_SETTINGS, fieldPath, parseSettings, type Settings } from './schema';
import { proposeTeamId } from './team-id';

const example = {
  version: 1,
  teams: [{ id: 'support', name: 'Поддержка', operatorIds: ['8101', '8102'], channelIds: ['1002'] }],
  capacity: { default: 10, operators: { '8101': 15, '8102': null } },
  thresholds: { warningMinutes: 5, criticalMinutes: 15 },
  availability: { awayAfterMinutes: 30 },
  balancing: { excludedOperatorIds: [] },
};

function refused(document: unknown): { field: string; message: string } {
  const parsed = parseSettings(document);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed;
}

describe('the settings document', () => {
  it('reads the documented example as it is, and gives balancing its defaults: off', () => {
    const parsed = parseSettings(example);
    expect(parsed).toMatchObject({ ok: true, settings: example });
    expect(parsed.ok && parsed.settings.balancing).toEqual({
      mode: 'off',
      rules: { unassigned: true, awayOperators: true, overCapacity: true, waitingTooLong: false, waitingTooLongMinutes: 30 },
      excludedOperatorIds: [],
      noRepeatHours: 4,
      intervalMinutes: 5,
      maxMovesPerRun: 20,
      maxMovesPerOperatorPerHour: 10,
      quietHours: null,
    });
  });

  it('gives a document without the later sections their defaults', () => {
    expect(parseSettings({ version: 1, teams: [] })).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toMatchObject({ capacity: { default: null, operators: {} }, thresholds: { warningMinutes: 5, criticalMinutes: 15 }, availability: { awayAfterMinutes: 30 } });
  });

  it.each([
    [{ ...example, capacity: { default: -1, operators: {} } }, 'capacity.default', 'must be 0 or more'],
    [{ ...example, capacity: { default: 2.5, operators: {} } }, 'capacity.default', 'whole number'],
    [{ ...example, capacity: { default: 10, operators: { abc: 3 } } }, 'capacity.operators.abc', 'operator id'],
    [{ ...example, teams: [example.teams[0], { id: 'Sales Team', name: 'Sales' }] }, 'teams[1].id', 'lower-case letters'],
    [{ ...example, teams: [example.teams[0], { id: 'support', name: 'Again' }] }, 'teams[1].id', 'already the id of teams[0]'],
    [{ ...example, teams: [{ ...example.teams[0], operatorIds: ['8101', '8101'] }] }, 'teams[0].operatorIds[1]', 'listed twice'],
    [{ ...example, teams: [{ ...example.teams[0], name: '  ' }] }, 'teams[0].name', 'must not be empty'],
    [{ ...example, thresholds: { warningMinutes: 15, criticalMinutes: 15 } }, 'thresholds.warningMinutes', 'less than criticalMinutes'],
    [{ ...example, availability: { awayAfterMinutes: 0 } }, 'availability.awayAfterMinutes', 'at least 1'],
    [{ ...example, version: 2 }, 'version', 'must be 1'],
    [{ ...example, colour: 'blue' }, '', 'may hold only version'],
    [{ ...example, teams: [{ ...example.teams[0], lead: '8101' }] }, 'teams[0]', 'may hold only id'],
  ])('refuses %o naming %s', (document, field, words) => {
    const refusal = refused(document);
    expect(refusal.field).toBe(field);
    expect(refusal.message).toContain(words);
    if (field) expect(refusal.message.startsWith(field)).toBe(true);
  });

  it('refuses what is not an object at all', () => {
    for (const value of [null, [], 'settings', 3]) expect(refused(value).message).toBe('the settings must be a JSON object');
  });

  it('writes paths as a reader does', () => {
    expect(fieldPath(['teams', 1, 'id'])).toBe('teams[1].id');
    expect(fieldPath(['capacity', 'operators', '8101'])).toBe('capacity.operators.8101');
  });
});

describe('team ids proposed from names', () => {
  it('transliterate, lower-case and dash, and never repeat one taken', () => {
    expect(proposeTeamId('Поддержка')).toBe('podderzhka');
    expect(proposeTeamId('Sales & VIP')).toBe('sales-vip');
    expect(proposeTeamId('Café Crème')).toBe('cafe-creme');
    expect(proposeTeamId('!!!')).toBe('team');
    expect(proposeTeamId('Sales', new Set(['sales', 'sales-2']))).toBe('sales-3');
    expect(proposeTeamId('x'.repeat(100))).toHaveLength(36);
  });
});

describe('the audit summary of a change', () => {
  it('says what changed in ids and numbers', () => {
    const before = parseSettings(example);
    if (!before.ok) throw new Error('bad example');
    const after: Settings = {
      ...before.settings,
      teams: [{ ...before.settings.teams[0]!, name: 'Support', operatorIds: ['8101', '8103'] }, { id: 'sales', name: 'Продажи', operatorIds: [], channelIds: [] }],
      capacity: { default: 12, operators: { '8101': 15 } },
      thresholds: { warningMinutes: 5, criticalMinutes: 20 },
    };
    expect(summarizeChanges(before.settings, after)).toBe(
      'teams +sales support renamed 2 membership changes; capacity default 10 → 12, 1 operator override changed; thresholds 5/15 → 5/20 min',
    );
    expect(summarizeChanges(before.settings, before.settings)).toBe('no change');
  });

  describe('the alerts section', () => {
    it('gets its defaults in a document without it: no rules of its own yet, the language of ALERT_LANG, no report', () => {
      const parsed = parseSettings(example);
      expect(parsed.ok && parsed.settings.alerts).toEqual({ rules: null, lang: null, webhookUrl: null, telegramChatId: null, emailTo: null, report: { enabled: false, at: null } });
    });

    it('reads rules with their defaults: enabled, threshold 1, everyone, at once, every channel, every 60 min', () => {
      const parsed = parseSettings({ ...example, alerts: { rules: [{ id: 'critical', kind: 'critical_chats', teamId: 'support' }] } });
      expect(parsed.ok && parsed.settings.alerts.rules).toEqual([
        { id: 'critical', kind: 'critical_chats', enabled: true, threshold: 1, teamId: 'support', forMinutes: 0, channelIds: [], repeatMinutes: 60, quietHours: null },
      ]);
    });

    it('names the failing alerts field by its path', () => {
      expect(refused({ ...example, alerts: { rules: [{ id: 'a', kind: 'critical_chats' }, { id: 'b', kind: 'too_loud' }] } })).toMatchObject({ field: 'alerts.rules[1].kind' });
      expect(refused({ ...example, alerts: { rules: [{ id: 'a', kind: 'unassigned', forMinutes: -1 }] } })).toMatchObject({ field: 'alerts.rules[0].forMinutes' });
      expect(refused({ ...example, alerts: { rules: [{ id: 'a', kind: 'unassigned', teamId: 'night' }] } })).toMatchObject({ field: 'alerts.rules[0].teamId' });
      expect(refused({ ...example, alerts: { rules: [{ id: 'a', kind: 'unassigned' }, { id: 'a', kind: 'channel_down' }] } })).toMatchObject({ field: 'alerts.rules[1].id' });
      expect(refused({ ...example, alerts: { rules: [{ id: 'a', kind: 'unassigned', quietHours: { from: '25:00', to: '08:00' } }] } })).toMatchObject({ field: 'alerts.rules[0].quietHours.from' });
      expect(refused({ ...example, alerts: { emailTo: ['lead@example.com', 'not an address'] } })).toMatchObject({ field: 'alerts.emailTo[1]' });
      expect(refused({ ...example, alerts: { webhookUrl: 'ftp://example.com/hook' } })).toMatchObject({ field: 'alerts.webhookUrl' });
      expect(refused({ ...example, alerts: { report: { at: ['8:00'] } } })).toMatchObject({ field: 'alerts.report.at[0]' });
      expect(refused({ ...example, alerts: { lang: 'de' } })).toMatchObject({ field: 'alerts.lang', message: 'alerts.lang must be ru, en or null' });
      expect(refused({ ...example, alerts: { botToken: '123:abc' } })).toMatchObject({ field: 'alerts' });
    });

    it('says in the audit summary which alerts parts changed, without an address', () => {
      const before = parseSettings(example);
      const after = parseSettings({ ...example, alerts: { emailTo: ['lead@example.com'], rules: [{ id: 'a', kind: 'unassigned' }] } });
      if (!before.ok || !after.ok) throw new Error('expected both to parse');
      const summary = summarizeChanges(before.settings, after.settings);
      expect(summary).toBe('alerts: rules 0 → 1, emailTo changed');
    });
  });
});
