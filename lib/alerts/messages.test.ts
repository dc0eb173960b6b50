import { describe, expect, it } from 'vitest';
import { messageText } from './messages';
import type { ConditionState } from './rules';

const NOW = Date.UTC(2026, 2, 2, 11, 0); // 14:00 in Moscow
const state = (extra: Partial<ConditionState>): ConditionState => ({
  key: 'critical',
  ruleId: 'critical',
  kind: 'critical_chats',
  phase: 'firing',
  sinceMs: Date.UTC(2026, 2, 2, 10, 5),
  firedAtMs: NOW,
  eventId: 'e',
  notified: true,
  lastMessageAtMs: NOW,
  reminders: 0,
  teamId: 'support',
  subject: 'Поддержка',
  link: { team: 'support' },
  value: 4,
  threshold: 1,
  ...extra,
});

describe('alert messages', () => {
  it('say the number, the team by name, since when in the team zone, and link to its view', () => {
    const options = { timezone: 'Europe/Moscow', nowMs: NOW, publicUrl: 'https://chatload.example.com' };
    expect(messageText('fired', state({}), { ...options, lang: 'ru' })).toBe('🔴 Чатов сверх критического порога: 4 (Поддержка), с 13:05\nhttps://chatload.example.com/?team=support');
    expect(messageText('resolved', state({ value: 0 }), { ...options, lang: 'en' })).toBe('✅ Resolved: Chats past the critical threshold: 0 (Поддержка), since 13:05\nhttps://chatload.example.com/?team=support');
    expect(messageText('reminder', state({ kind: 'channel_down', subject: 'WhatsApp main', link: { channel: '1002' } }), { ...options, lang: 'en', publicUrl: null })).toBe(
      '🔁 Still: Channel WhatsApp main is not authorized or blocked, since 13:05',
    );
  });

  it('give the date as well when it did not start today', () => {
    const text = messageText('fired', state({ sinceMs: NOW - 86_400_000 }), { timezone: 'Europe/Moscow', nowMs: NOW, publicUrl: null, lang: 'en' });
    expect(text).toMatch(/since 1 Mar 14:00$/);
  });
});
