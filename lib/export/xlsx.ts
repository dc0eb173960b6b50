import ExcelJS from 'exceljs';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import { channelTable, chatTable, operatorTable, teamTable, type Table } from './tables';
import { exportText, type ExportText } from './text';
import type { ExportInput } from './types';
import { isoInZone, wallClockDate } from './zoned-time';

// The Excel workbook: Summary, Operators, Channels, Chats. Cells are typed (numbers, booleans, dates),
// so a manager sorts and sums without converting. Text goes in as string cells, which Excel never
// runs as formulas, so unlike the CSV a name such as "=1+1" is written exactly as it is.

export const SHEET_NAMES = ['Summary', 'Operators', 'Channels', 'Teams', 'Chats'] as const;

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const MAX_CELL_TEXT = 32_767;

type CellValue = string | number | boolean | Date | null;

interface SheetColumn {
  header: string;
  numFmt?: string;
}

interface SheetData {
  columns: SheetColumn[];
  rows: CellValue[][];
}

export async function workbook(input: ExportInput, headers?: Partial<ExportText>): Promise<Buffer> {
  const text = exportText(headers);
  const book = new ExcelJS.Workbook();
  book.creator = 'chatload';
  book.created = new Date(input.asOfMs);
  book.modified = book.created;

  addSummarySheet(book, input, text);
  addTableSheet(book, 'Operators', sheetData(operatorTable(input, text), input.timezone));
  addTableSheet(book, 'Channels', sheetData(channelTable(input, text), input.timezone));
  addTableSheet(book, 'Teams', sheetData(teamTable(input, text), input.timezone));
  addTableSheet(book, 'Chats', sheetData(chatTable(input, text), input.timezone));

  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A table's columns as cells. An instant becomes two columns: a date cell holding the team's wall
 * clock (Excel dates have no zone, so the header names it) for sorting and filtering, then the same
 * ISO 8601 text with the offset as in the CSV and JSON, which says the exact instant.
 */
function sheetData<Row>(table: Table<Row>, timezone: string): SheetData {
  const columns: SheetColumn[] = [];
  for (const column of table.columns) {
    if (column.kind === 'instant') {
      columns.push({ header: `${column.header} (${timezone})`, numFmt: DATE_FORMAT }, { header: `${column.header} (ISO 8601)` });
    } else {
      columns.push({ header: column.header });
    }
  }
  const rows = table.rows.map((row) => {
    const cells: CellValue[] = [];
    for (const column of table.columns) {
      if (column.kind === 'instant') {
        const ms = column.value(row);
        cells.push(ms === null ? null : wallClockDate(ms, timezone), ms === null ? null : isoInZone(ms, timezone));
      } else if (column.kind === 'text') {
        cells.push(cellText(column.value(row)));
      } else {
        cells.push(column.value(row));
      }
    }
    return cells;
  });
  return { columns, rows };
}

function addTableSheet(book: ExcelJS.Workbook, name: (typeof SHEET_NAMES)[number], data: SheetData): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = data.columns.map((column, index) => ({
    header: column.header,
    width: widthOf(column.header, data.rows, index),
    ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
  }));
  sheet.addRows(data.rows);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: data.columns.length } };
}

function addSummarySheet(book: ExcelJS.Workbook, input: ExportInput, text: ExportText): void {
  const { totals } = input.aggregate;
  const rows: CellValue[][] = [
    [text.asOf, wallClockDate(input.asOfMs, input.timezone)],
    [text.asOfIso, isoInZone(input.asOfMs, input.timezone)],
    [text.timezone, input.timezone],
    [text.source, input.source === 'snapshot' ? text.sourceSnapshot : text.sourceLive],
    [text.snapshotId, cellText(input.snapshotId)],
    [text.label, cellText(input.label)],
    [text.channelFilter, channelFilterText(input, text)],
    [text.operatorFilter, operatorFilterText(input, text)],
    [text.teamFilter, input.filters.team === null ? text.allFilter : `${input.filters.team} (${input.rules.teams.find((team) => team.id === input.filters.team)?.name ?? '?'})`],
    [text.complete, input.complete],
    [text.partialReason, cellText(input.partialReason)],
    [text.totalOpenChats, totals.openChats],
    [text.totalOperators, totals.operators],
    [text.totalChannels, totals.channels],
    [text.totalOldestAgeSeconds, totals.oldestAgeSeconds],
    [text.totalMedianAgeSeconds, totals.medianAgeSeconds],
    [text.totalUndatedChats, totals.undatedChats],
    [text.totalCapacity, totals.capacity],
    [text.totalOverCapacityOperators, totals.overCapacityOperators],
    [text.totalOverWarningChats, totals.overWarningChats],
    [text.totalOverCriticalChats, totals.overCriticalChats],
    [],
    [text.ageBucket, text.openChats],
    ...input.aggregate.ageBuckets.map((bucket): CellValue[] => [bucket.label, bucket.openChats]),
  ];
  const sheet = book.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: text.item, width: widthOf(text.item, rows, 0) },
    { header: text.value, width: Math.max(22, widthOf(text.value, rows, 1)) },
  ];
  sheet.addRows(rows);
  sheet.getCell('B2').numFmt = DATE_FORMAT;
  sheet.getRow(1).font = { bold: true };
  // The age bucket table under the totals has its own header.
  sheet.getRow(rows.length - input.aggregate.ageBuckets.length + 1).font = { bold: true };
}

function channelFilterText(input: ExportInput, text: ExportText): string {
  const id = input.filters.channel;
  if (id === null) return text.allFilter;
  const name = input.channels.find((channel) => channel.id === id)?.name;
  return name ? `${id} (${name})` : id;
}

function operatorFilterText(input: ExportInput, text: ExportText): string {
  const id = input.filters.user;
  if (id === null) return text.allFilter;
  const name = id === UNASSIGNED_ROW_ID ? text.unassigned : input.operators.find((operator) => operator.id === id)?.name;
  return name ? `${id} (${name})` : id;
}

/**
 * Line breaks as Excel writes them in a cell: LF (XML would turn a CR into LF on reading anyway);
 * and no longer than a cell holds, or Excel calls the file corrupt.
 */
function cellText(value: string | null): string | null {
  return value === null ? null : value.replace(/\r\n?/g, '\n').slice(0, MAX_CELL_TEXT);
}

/** Wide enough for the longest value, within bounds; a date needs its formatted width. */
function widthOf(header: string, rows: readonly CellValue[][], index: number): number {
  let width = header.length;
  for (const row of rows) {
    const value = row[index];
    const length = value instanceof Date ? 19 : value === null || value === undefined ? 0 : String(value).length;
    if (length > width) width = length;
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
}
