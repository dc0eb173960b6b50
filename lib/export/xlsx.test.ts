import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportInput, rawChats } from './test-input';
import type { ExportInput } from './types';
import { workbook } from './xlsx';

async function readBack(input: ExportInput): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await workbook(input)) as unknown as ArrayBuffer);
  return book;
}

/** A sheet as header names → cell values, one object per data row. */
function records(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Array<Record<string, ExcelJS.CellValue>> = [];
  for (let r = 2; r <= sheet.actualRowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1).value])));
  }
  return out;
}

/** Summary's "item → value" pairs. */
function summary(book: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const sheet = book.getWorksheet('Summary')!;
  const pairs = new Map<string, ExcelJS.CellValue>();
  sheet.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
  return pairs;
}

describe('workbook', () => {
  it('has Summary, Operators, Channels and Chats, each with a bold, frozen header', async () => {
    const book = await readBack(exportInput());
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Operators', 'Channels', 'Teams', 'Chats']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }
    expect(book.getWorksheet('Chats')!.autoFilter).toBeTruthy();
  });

  it('sums up the same totals and age buckets as the aggregate', async () => {
    const input = exportInput({ label: 'Вечер =1+1' });
    const pairs = summary(await readBack(input));
    const { totals } = input.aggregate;
    expect(pairs.get('Open chats')).toBe(totals.openChats);
    expect(pairs.get('Operators with open chats')).toBe(totals.operators);
    expect(pairs.get('Channels with open chats')).toBe(totals.channels);
    expect(pairs.get('Oldest age (seconds)')).toBe(totals.oldestAgeSeconds);
    expect(pairs.get('Median age (seconds)')).toBe(totals.medianAgeSeconds);
    expect(pairs.get('Open chats without a date')).toBe(totals.undatedChats);
    for (const bucket of input.aggregate.ageBuckets) expect(pairs.get(bucket.label)).toBe(bucket.openChats);
    // 14:00:05 in Moscow, as a date Excel shows as 14:00:05, and the exact instant beside it.
    expect(pairs.get('As of')).toEqual(new Date(Date.UTC(2026, 10, 28, 14, 0, 5)));
    expect(pairs.get('As of (ISO 8601)')).toBe('2026-11-28T14:00:05+03:00');
    expect(pairs.get('Time zone')).toBe('Europe/Moscow');
    expect(pairs.get('Source')).toBe('snapshot');
    expect(pairs.get('Label')).toBe('Вечер =1+1');
    expect(pairs.get('Complete')).toBe(true);
    expect(pairs.get('Channel filter')).toBe('all');
  });

  it('names the filters it was made with', async () => {
    const pairs = summary(await readBack(exportInput({ filters: { channel: '10', user: '0' } })));
    expect(pairs.get('Channel filter')).toBe('10 (WhatsApp; Продажи)');
    expect(pairs.get('Operator filter')).toBe('0 (Unassigned)');
  });

  it('lists every chat with typed cells, names kept as text even when they look like formulas', async () => {
    const input = exportInput();
    const book = await readBack(input);
    const sheet = book.getWorksheet('Chats')!;
    expect(sheet.actualRowCount - 1).toBe(input.chats.length);
    const rows = records(sheet);
    expect(rows.map((row) => row['Chat id'])).toEqual(['c6', 'c4', 'c3', '002', 'c1', 'c5']);

    const hyperlink = rows.find((row) => row['Chat id'] === '002')!;
    expect(hyperlink).toMatchObject({
      'Chat name': '=HYPERLINK("http://x","click")',
      Phone: '-5',
      Operator: '=1+1',
      'Last message (Europe/Moscow)': new Date(Date.UTC(2026, 10, 28, 13, 50, 5)),
      'Last message (ISO 8601)': '2026-11-28T13:50:05+03:00',
      'Age (seconds)': 600,
      'Age bucket': '5–15 min',
    });
    // Read back as strings, not formulas: nothing was (or will be) evaluated.
    const row = sheet.getRow(rows.indexOf(hyperlink) + 2);
    for (const column of [2, 3, 5]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    expect(rows.find((r) => r['Chat id'] === 'c1')).toMatchObject({ 'Chat name': 'Иван, "VIP" 🚀', Phone: '+7 999 123-45-67', Operator: 'Анна "Аня" Петрова' });
    expect(rows.find((r) => r['Chat id'] === 'c3')).toMatchObject({ 'Chat name': 'line1\nline2\nline3', Operator: 'Gone, Борис\nsecond line' });
    expect(rows.find((r) => r['Chat id'] === 'c4')).toMatchObject({ Operator: 'Unassigned', 'Operator id': '0', Channel: null });
    expect(rows.find((r) => r['Chat id'] === 'c5')).toMatchObject({
      Operator: null,
      'Last message (Europe/Moscow)': null,
      'Last message (ISO 8601)': null,
      'Age (seconds)': null,
      'Age bucket': null,
    });
  });

  it('lists operators and channels as the aggregate does', async () => {
    const input = exportInput();
    const book = await readBack(input);
    const operators = records(book.getWorksheet('Operators')!);
    expect(operators.map((row) => row['Operator id'])).toEqual(input.aggregate.byUser.map((user) => user.userId));
    expect(operators.reduce((sum, row) => sum + Number(row['Open chats']), 0)).toBe(input.aggregate.totals.openChats);
    expect(operators.find((row) => row['Operator id'] === '3')).toMatchObject({ Deleted: true, Locked: false, '1–4 h': 1 });
    expect(operators.find((row) => row['Operator id'] === '2')).toMatchObject({ Operator: '=1+1', Locked: true });

    const channels = records(book.getWorksheet('Channels')!);
    expect(channels).toEqual(
      input.aggregate.byChannel.map((channel) => ({ 'Channel id': channel.apiId, Channel: channel.name, Type: channel.type, State: channel.state, 'Open chats': channel.openChats })),
    );
  });

  it('writes the wall clock of the team zone on each side of a DST change', async () => {
    const asOfMs = Date.UTC(2026, 2, 29, 2, 0, 0);
    const raw = [{ ...rawChats(asOfMs)[4]!, lastMessageMs: Date.UTC(2026, 2, 29, 1, 30, 0) }];
    const [row] = records((await readBack(exportInput({ asOfMs, raw, timezone: 'Europe/Berlin' }))).getWorksheet('Chats')!);
    expect(row!['Last message (Europe/Berlin)']).toEqual(new Date(Date.UTC(2026, 2, 29, 3, 30, 0)));
    expect(row!['Last message (ISO 8601)']).toBe('2026-03-29T03:30:00+02:00');
  });

  it('stays a valid file when a name holds characters XML cannot carry', async () => {
    const raw = [{ ...rawChats()[4]!, chatName: 'bell\u0007 and nul\u0000' }];
    const [row] = records((await readBack(exportInput({ raw }))).getWorksheet('Chats')!);
    expect(row!['Chat name']).toBe('bell and nul');
  });
});
