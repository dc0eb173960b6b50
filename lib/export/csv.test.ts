import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS } from '@/lib/load/ages';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { chatsCsv, neutraliseFormula, operatorsCsv, tableCsv } from './csv';
import { EXPORT_TEXT } from './text';
import { exportInput, parseCsv, rawChats } from './test-input';

const CHAT_HEADER = ['Chat id', 'Chat name', 'Phone', 'Operator id', 'Operator', 'Channel id', 'Channel', 'Last message', 'Age (seconds)', 'Age bucket', 'Teams'];

// Every chat of the fixture as a spreadsheet must show it, oldest first (Moscow is UTC+3 all year).
const CHAT_ROWS = [
  ['c6', 'Семён; точка с запятой', '', 'u-7', 'Émile 😀, "quoted"', 'zz', '', '2026-11-27T10:13:25+03:00', '100000', '> 24 h', ''],
  ['c4', '\tTabbed', '79990001122', '0', 'Unassigned', '30', '', '2026-11-28T08:26:45+03:00', '20000', '4–24 h', ''],
  ['c3', 'line1\nline2\r\nline3', '@home', '3', 'Gone, Борис\nsecond line', '10', 'WhatsApp; Продажи', '2026-11-28T12:36:45+03:00', '5000', '1–4 h', ''],
  ['002', '=HYPERLINK("http://x","click")', '-5', '2', '=1+1', 'tg-2', 'Telegram "Поддержка"', '2026-11-28T13:50:05+03:00', '600', '5–15 min', ''],
  ['c1', 'Иван, "VIP" 🚀', '+7 999 123-45-67', '1', 'Анна "Аня" Петрова', '10', 'WhatsApp; Продажи', '2026-11-28T13:59:35+03:00', '30', '< 5 min', ''],
  ['c5', 'Undated', '', '99', '', '', '', '', '', '', ''],
];

/** What a reader gets back after dropping the "'" that guards a would-be formula. */
const unguard = (field: string) => (/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);

describe('chatsCsv', () => {
  it('starts with a UTF-8 BOM so Excel reads Cyrillic', () => {
    const bytes = Buffer.from(chatsCsv(exportInput(), ','), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('reads back, field for field, with an RFC 4180 parser', () => {
    const rows = parseCsv(chatsCsv(exportInput(), ',').slice(1), ',');
    expect(rows[0]).toEqual(CHAT_HEADER);
    expect(rows.slice(1).map((row) => row.map(unguard))).toEqual(CHAT_ROWS);
  });

  it('reads back the same with ";" as the separator, quoting only what needs it', () => {
    const text = chatsCsv(exportInput(), ';');
    expect(parseCsv(text.slice(1), ';').slice(1).map((row) => row.map(unguard))).toEqual(CHAT_ROWS);
    expect(text).toContain(';"WhatsApp; Продажи";');
    expect(text).toContain('c6;"Семён; точка с запятой";');
    // A comma is plain text when the separator is ";".
    expect(text).toContain(';"Иван, ""VIP"" 🚀";');
    expect(chatsCsv(exportInput(), ',')).toContain(',WhatsApp; Продажи,');
  });

  it('guards text that a spreadsheet would run as a formula, phones included, but not numbers', () => {
    const [, ...rows] = parseCsv(chatsCsv(exportInput(), ',').slice(1), ',');
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect(byId.get('002')![1]).toBe(`'=HYPERLINK("http://x","click")`);
    expect(byId.get('002')![2]).toBe(`'-5`);
    expect(byId.get('002')![4]).toBe(`'=1+1`);
    expect(byId.get('c1')![2]).toBe(`'+7 999 123-45-67`);
    expect(byId.get('c3')![2]).toBe(`'@home`);
    expect(byId.get('c4')![1]).toBe(`'\tTabbed`);
    expect(byId.get('c4')![2]).toBe('79990001122');
    // No field of the file starts with a formula character any more.
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);

    const numbers = tableCsv(
      { columns: [{ kind: 'number', header: 'n', value: (n: number) => n }], rows: [-5, 1_234_567] },
      ',',
      'UTC',
      EXPORT_TEXT,
    );
    expect(numbers).toBe('\uFEFFn\r\n-5\r\n1234567\r\n');
  });

  it('ends every line with CRLF and quotes a field holding CR, LF or a quote', () => {
    const text = chatsCsv(exportInput(), ',');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(',"line1\nline2\r\nline3",');
    expect(text).toContain(`,"'=HYPERLINK(""http://x"",""click"")",`);
  });

  it('writes times with the offset in force at each instant, across a DST change', () => {
    // Berlin leaves +01:00 for +02:00 at 2026-03-29 01:00 UTC.
    const asOfMs = Date.UTC(2026, 2, 29, 2, 0, 0);
    const raw = [
      { ...rawChats(asOfMs)[4]!, chatId: 'winter', lastMessageMs: Date.UTC(2026, 2, 29, 0, 59, 59) },
      { ...rawChats(asOfMs)[4]!, chatId: 'summer', lastMessageMs: Date.UTC(2026, 2, 29, 1, 0, 0) },
    ];
    const lastMessage = (timezone: string) =>
      parseCsv(chatsCsv(exportInput({ asOfMs, raw, timezone }), ',').slice(1), ',')
        .slice(1)
        .map((row) => [row[0], row[7]]);
    expect(lastMessage('Europe/Berlin')).toEqual([
      ['winter', '2026-03-29T01:59:59+01:00'],
      ['summer', '2026-03-29T03:00:00+02:00'],
    ]);
    expect(lastMessage('Europe/Moscow')).toEqual([
      ['winter', '2026-03-29T03:59:59+03:00'],
      ['summer', '2026-03-29T04:00:00+03:00'],
    ]);
  });

  it('writes the header only when no chat is open', () => {
    expect(chatsCsv(exportInput({ raw: [] }), ';')).toBe(`\uFEFF${CHAT_HEADER.join(';')}\r\n`);
  });

  it('takes translated headers and words', () => {
    const rows = parseCsv(chatsCsv(exportInput(), ';', { chatName: 'Чат', unassigned: 'Без оператора' }).slice(1), ';');
    expect(rows[0]![1]).toBe('Чат');
    expect(rows.find((row) => row[0] === 'c4')![4]).toBe('Без оператора');
  });
});

describe('operatorsCsv', () => {
  it('has one row per operator of the aggregate, in its order, adding up to the open chats', () => {
    const input = exportInput();
    const [header, ...rows] = parseCsv(operatorsCsv(input, ';').slice(1), ';');
    expect(header).toEqual([
      'Operator id',
      'Operator',
      'Locked',
      'Deleted',
      'Open chats',
      'Oldest age (seconds)',
      ...AGE_BUCKETS.map((bucket) => bucket.label),
      'Capacity (empty: no limit)',
      'Over capacity',
      'Available',
      'Last active',
      'Teams',
    ]);
    expect(rows.map((row) => row[0])).toEqual(input.aggregate.byUser.map((user) => user.userId));
    expect(rows.reduce((sum, row) => sum + Number(row[4]), 0)).toBe(input.aggregate.totals.openChats);
    for (const [index, bucket] of input.aggregate.ageBuckets.entries()) {
      expect(rows.reduce((sum, row) => sum + Number(row[6 + index]), 0)).toBe(bucket.openChats);
    }
  });

  it('names the unassigned row, flags locked and deleted operators, leaves unknown names empty', () => {
    const rows = new Map(parseCsv(operatorsCsv(exportInput(), ',').slice(1), ',').slice(1).map((row) => [row[0], row.map(unguard)]));
    expect(rows.get('0')!.slice(0, 6)).toEqual(['0', 'Unassigned', 'no', 'no', '1', '20000']);
    expect(rows.get('2')!.slice(0, 6)).toEqual(['2', '=1+1', 'yes', 'no', '1', '600']);
    expect(rows.get('3')!.slice(0, 6)).toEqual(['3', 'Gone, Борис\nsecond line', 'no', 'yes', '1', '5000']);
    expect(rows.get('99')!.slice(0, 6)).toEqual(['99', '', 'no', 'no', '1', '']);
    // An idle operator is listed with zeros; its "+" name is guarded.
    expect(rows.get('8')!.slice(0, 6)).toEqual(['8', '+Idle', 'no', 'no', '0', '']);
  });

  it('lists only the filtered operator', () => {
    const input = exportInput({ filters: { channel: null, user: '1' } });
    const rows = parseCsv(operatorsCsv(input, ',').slice(1), ',').slice(1);
    expect(rows.map((row) => row[0])).toEqual(['1']);
    expect(parseCsv(chatsCsv(input, ',').slice(1), ',').slice(1).map((row) => row[0])).toEqual(['c1']);
  });
});

describe('neutraliseFormula', () => {
  it('prefixes exactly the OWASP formula starters', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    for (const safe of ['x', ' =x', "'x", '', '7 999', 'Ёж']) expect(neutraliseFormula(safe)).toBe(safe);
  });
});

describe('exports under teams and capacity', () => {
  const rules = {
    ...DEFAULT_SETTINGS,
    teams: [
      { id: 'sales', name: 'Продажи; VIP', operatorIds: ['1', '2'], channelIds: ['30'] },
      { id: 'night', name: 'Ночь', operatorIds: ['1'], channelIds: [] },
    ],
    capacity: { default: 5, operators: { '2': 0, '1': null } },
  };

  it("write each operator's capacity, whether over it, and their teams", () => {
    const rows = new Map(parseCsv(operatorsCsv(exportInput({ rules }), ';').slice(1), ';').slice(1).map((row) => [row[0], row.map(unguard)]));
    expect(rows.get('1')!.slice(12)).toEqual(['', 'no', 'no', '', 'Продажи; VIP, Ночь']);
    expect(rows.get('2')!.slice(12)).toEqual(['0', 'yes', 'no', '', 'Продажи; VIP']);
    expect(rows.get('8')!.slice(12)).toEqual(['5', 'no', 'no', '', '']);
  });

  it("write the teams a chat counts for, unassigned chats by their team's channels", () => {
    const rows = new Map(parseCsv(chatsCsv(exportInput({ rules }), ',').slice(1), ',').slice(1).map((row) => [row[0], row.map(unguard)]));
    expect(rows.get('c1')!.at(-1)).toBe('Продажи; VIP, Ночь');
    expect(rows.get('002')!.at(-1)).toBe('Продажи; VIP');
    expect(rows.get('c4')!.at(-1)).toBe('Продажи; VIP'); // unassigned, on channel 30
    expect(rows.get('c6')!.at(-1)).toBe('');
  });

  it('exports a team view with only its chats', () => {
    const input = exportInput({ rules, filters: { team: 'night' } });
    const rows = parseCsv(chatsCsv(input, ',').slice(1), ',').slice(1);
    expect(rows.map((row) => row[0])).toEqual(['c1']);
  });
});
