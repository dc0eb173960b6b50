import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  EMPTY_ALERT_SETTINGS,
  addRule,
  alertDraftOf,
  alertFieldOfMessage,
  alertProblems,
  alertSettingsOf,
  removeRule,
  restoreDefaultRules,
  rulesShown,
  toggleRuleChannel,
  updateRule,
} from './alert-draft';

const fresh = () => alertDraftOf(EMPTY_ALERT_SETTINGS);

describe('the alerts section of the settings, as edited', () => {
  it('reads back what it was made from, lists typed as text', () => {
    const stored = { ...EMPTY_ALERT_SETTINGS, webhookUrl: 'https://hooks.example.com/x', emailTo: ['a@example.com', 'b@example.com'], report: { enabled: true, at: ['08:00', '20:00'] } };
    const draft = alertDraftOf(stored);
    expect(draft.emailTo).toBe('a@example.com, b@example.com');
    expect(draft.reportAt).toBe('08:00, 20:00');
    expect(alertSettingsOf(draft)).toEqual(stored);
    expect(alertSettingsOf({ ...draft, emailTo: ' a@example.com;b@example.com\nc@example.com ', webhookUrl: '  ' })).toMatchObject({ emailTo: ['a@example.com', 'b@example.com', 'c@example.com'], webhookUrl: null });
  });

  it('shows the default rules without writing them, and writes them all on the first edit', () => {
    const draft = fresh();
    expect(rulesShown(draft)).toEqual(DEFAULT_RULES);
    expect(alertSettingsOf(draft).rules).toBeNull();
    const edited = updateRule(draft, 0, { threshold: 3, forMinutes: 5 });
    expect(edited.rules).toHaveLength(DEFAULT_RULES.length);
    expect(edited.rules![0]).toMatchObject({ kind: 'critical_chats', threshold: 3, forMinutes: 5, repeatMinutes: 60 });
    expect(edited.rules![1]).toEqual(DEFAULT_RULES[1]);
    expect(restoreDefaultRules(edited).rules).toBeNull();
  });

  it('adds rules with ids of their own, removes them, and picks channels in one order', () => {
    let draft = addRule(fresh(), 'critical_chats');
    expect(draft.rules!.map((rule) => rule.id)).toEqual(['critical-chats', 'upstream-down', 'channel-down', 'critical-chats-2']);
    draft = toggleRuleChannel(draft, 3, 'email', true);
    draft = toggleRuleChannel(draft, 3, 'webhook', true);
    expect(draft.rules![3]!.channelIds).toEqual(['webhook', 'email']);
    draft = toggleRuleChannel(draft, 3, 'webhook', false);
    expect(draft.rules![3]!.channelIds).toEqual(['email']);
    draft = removeRule(draft, 0);
    expect(draft.rules!.map((rule) => rule.id)).toEqual(['upstream-down', 'channel-down', 'critical-chats-2']);
  });

  it('names each field that would be refused, by the path the server uses', () => {
    let draft = updateRule(fresh(), 1, { threshold: 0, forMinutes: -1, repeatMinutes: Number.NaN, quietHours: { from: '22:00', to: '' } });
    draft = { ...draft, webhookUrl: 'ftp://example.com', telegramChatId: 'my chat', emailTo: 'duty@example.com, nobody', reportAt: '8:00' };
    expect(alertProblems(draft).map((problem) => `${problem.field} ${problem.code}`)).toEqual([
      'alerts.rules[1].threshold count',
      'alerts.rules[1].forMinutes minutesFromZero',
      'alerts.rules[1].repeatMinutes minutes',
      'alerts.rules[1].quietHours.to quietHours',
      'alerts.webhookUrl url',
      'alerts.telegramChatId telegramChat',
      'alerts.emailTo email',
      'alerts.report.at time',
    ]);
    expect(alertProblems({ ...fresh(), telegramChatId: '-1001234567890', webhookUrl: 'http://127.0.0.1:9/hook', emailTo: 'duty@example.com' })).toEqual([]);
  });

  it('finds the field a refusal names', () => {
    expect(alertFieldOfMessage('alerts.rules[2].teamId "x" is not a team of teams')).toBe('alerts.rules[2].teamId');
    expect(alertFieldOfMessage('alerts.webhookUrl must be an http(s) URL')).toBe('alerts.webhookUrl');
    expect(alertFieldOfMessage('teams[0].id must be text')).toBeNull();
  });
});
