import { describe, expect, it } from 'vitest';
import { exportFileName, labelSlug } from './file-name';
import { NOW } from './test-input';

describe('exportFileName', () => {
  it('says what and when, on the team clock', () => {
    expect(exportFileName(NOW, 'Europe/Moscow', 'operators', 'csv')).toBe('chatload-2026-11-28T1400-operators.csv');
    expect(exportFileName(NOW, 'UTC', 'workbook', 'xlsx')).toBe('chatload-2026-11-28T1100-workbook.xlsx');
    // Already tomorrow in Auckland.
    expect(exportFileName(NOW, 'Pacific/Auckland', 'snapshot', 'json')).toBe('chatload-2026-11-29T0000-snapshot.json');
  });

  it('adds a snapshot label as an ASCII slug, safe in a Content-Disposition header', () => {
    const name = exportFileName(NOW, 'Europe/Moscow', 'chats', 'csv', { label: 'Вечер, "смена" =1+1' });
    expect(name).toBe('chatload-2026-11-28T1400-vecher-smena-1-1-chats.csv');
    for (const label of ['Щука и ёж 🙂', 'Café "Crème"; a/b\\c\r\n', '🙂🙂', '', 'x'.repeat(200)]) {
      expect(exportFileName(NOW, 'Europe/Moscow', 'chats', 'csv', { label })).toMatch(/^chatload-\d{4}-\d\d-\d\dT\d{4}-([a-z0-9]+(-[a-z0-9]+)*-)?chats\.csv$/);
    }
    expect(exportFileName(NOW, 'Europe/Moscow', 'chats', 'csv', { label: '🙂🙂' })).toBe('chatload-2026-11-28T1400-chats.csv');
  });
});

describe('labelSlug', () => {
  it('transliterates Russian, drops accents and symbols, and stays short', () => {
    expect(labelSlug('Щука и ёж 🙂')).toBe('shchuka-i-ezh');
    expect(labelSlug('Café "Crème"')).toBe('cafe-creme');
    expect(labelSlug('Смена №2')).toBe('smena-no2');
    expect(labelSlug('x'.repeat(200))).toHaveLength(40);
    expect(labelSlug('a '.repeat(30))).toMatch(/^[a-z0-9-]*[a-z0-9]$/);
  });
});
