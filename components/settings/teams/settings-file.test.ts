import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import { describeImport, exportFileName, exportText, fieldAncestry, fieldOfMessage } from './settings-file';

const saved: Settings = {
  ...DEFAULT_SETTINGS,
  teams: [
    { id: 'support', name: 'Поддержка', operatorIds: ['8101', '8102'], channelIds: ['1402'] },
    { id: 'night', name: 'Ночная смена', operatorIds: ['8103'], channelIds: [] },
  ],
  capacity: { default: 10, operators: { '8103': null } },
};

describe('settings as a file', () => {
  it('is named by the local date and holds the document as pretty JSON', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('chatload-settings-2026-01-05.json');
    const text = exportText(saved);
    expect(JSON.parse(text)).toEqual(saved);
    expect(text).toContain('\n  "teams": [\n');
  });

  it('says what an import would change: teams added, removed and changed, capacity, thresholds', () => {
    const file = JSON.parse(exportText(saved)) as Record<string, unknown>;
    expect(describeImport(saved, file).unchanged).toBe(true);
    const changed = {
      ...file,
      teams: [
        { id: 'support', name: 'Поддержка', operatorIds: ['8102', '8101', '8104'], channelIds: ['1402'] },
        { id: 'sales', name: 'Продажи', operatorIds: [] },
      ],
      capacity: { default: 12, operators: { '8103': null, '8101': 3 } },
      thresholds: { warningMinutes: 5, criticalMinutes: 20 },
    };
    expect(describeImport(saved, changed)).toMatchObject({
      teamsAdded: [{ id: 'sales', name: 'Продажи' }],
      teamsRemoved: [{ id: 'night', name: 'Ночная смена' }],
      teamsChanged: [{ id: 'support', name: 'Поддержка' }],
      capacityDefault: { from: 10, to: 12 },
      overridesChanged: 1,
      thresholds: { from: { warningMinutes: 5, criticalMinutes: 15 }, to: { warningMinutes: 5, criticalMinutes: 20 } },
      awayAfter: null,
      defaulted: [],
      unchanged: false,
    });
  });

  it('reads a file without sections as their defaults, and names those the page cannot show', () => {
    const summary = describeImport(saved, { version: 1 });
    expect(summary.teamsRemoved.map((team) => team.id)).toEqual(['support', 'night']);
    expect(summary.capacityDefault).toEqual({ from: 10, to: null });
    expect(summary.defaulted).toEqual(['thresholds', 'availability', 'balancing', 'alerts']);
    expect(describeImport(saved, { ...saved, balancing: { mode: 'auto' } }).otherBalancingChanged).toBe(true);
    expect(describeImport(saved, { ...saved, balancing: { mode: 'off' } }).unchanged).toBe(true);
  });

  it('sees a file that changes only the alerts as a change', () => {
    const file = JSON.parse(exportText(saved)) as Settings;
    const onlyAlerts = { ...file, alerts: { ...file.alerts, lang: file.alerts.lang === 'en' ? 'ru' : 'en', emailTo: ['lead@example.com'] } };
    expect(describeImport(saved, onlyAlerts)).toMatchObject({ alertsChanged: true, unchanged: false });
    expect(describeImport(saved, file)).toMatchObject({ alertsChanged: false, unchanged: true });
    expect(fieldOfMessage('alerts.rules[1].kind must be one of …')).toBe('alerts.rules[1].kind');
  });

  it('finds the field a refusal names, and the fields around it', () => {
    expect(fieldOfMessage('teams[1].id "support" is already the id of teams[0]')).toBe('teams[1].id');
    expect(fieldOfMessage('capacity.operators.8101 must be 0 or more')).toBe('capacity.operators.8101');
    expect(fieldOfMessage('the settings must be a JSON object')).toBeNull();
    expect(fieldAncestry('teams[1].operatorIds[3]')).toEqual(['teams[1].operatorIds[3]', 'teams[1].operatorIds', 'teams[1]', 'teams']);
  });
});
