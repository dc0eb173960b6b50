import { chatTable, operatorTable, type Column, type Table } from './tables';
import { exportText, type ExportText } from './text';
import type { CsvSeparator, ExportInput } from './types';
import { isoInZone } from './zoned-time';

// CSV as RFC 4180 describes it, for Excel first: UTF-8 with a BOM (without it Excel reads Cyrillic
// as Windows-1251), CRLF line ends, "," or ";" (Excel in Russian locales splits on ";").

const BOM = '\uFEFF';
const CRLF = '\r\n';

// OWASP's advice against CSV (formula) injection: a spreadsheet runs a cell starting with one of
// these as a formula, so such a text cell gets a leading "'" and stays text. A customer's name or a
// phone such as "+7 999…" is text and is guarded; numbers are never touched (-5 stays -5).
// https://owasp.org/www-community/attacks/CSV_Injection
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula, made inert with a leading "'". */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: quoted, with `"` doubled, when it holds the separator, a quote, CR or LF. */
export function csvField(text: string, sep: CsvSeparator): string {
  if (text.includes(sep) || text.includes('"') || text.includes('\r') || text.includes('\n')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** The whole file: BOM, header, one line per row, each line ended by CRLF. */
export function tableCsv<Row>(table: Table<Row>, sep: CsvSeparator, timezone: string, text: ExportText): string {
  const line = (fields: string[]) => fields.join(sep) + CRLF;
  const textField = (value: string) => csvField(neutraliseFormula(value), sep);
  const cell = (column: Column<Row>, row: Row): string => {
    switch (column.kind) {
      case 'text': {
        const value = column.value(row);
        return value === null ? '' : textField(value);
      }
      case 'number':
        return numberText(column.value(row));
      case 'boolean':
        return textField(column.value(row) ? text.yes : text.no);
      case 'instant': {
        const ms = column.value(row);
        return ms === null ? '' : isoInZone(ms, timezone);
      }
    }
  };
  let body = BOM + line(table.columns.map((column) => textField(column.header)));
  for (const row of table.rows) body += line(table.columns.map((column) => cell(column, row)));
  return body;
}

/** Plain digits: no thousands separator and no exponent for the counts and ages written here. */
function numberText(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** One row per open chat, oldest first. */
export function chatsCsv(input: ExportInput, sep: CsvSeparator, headers?: Partial<ExportText>): string {
  const text = exportText(headers);
  return tableCsv(chatTable(input, text), sep, input.timezone, text);
}

/** One row per operator, in the order of the team load page. */
export function operatorsCsv(input: ExportInput, sep: CsvSeparator, headers?: Partial<ExportText>): string {
  const text = exportText(headers);
  return tableCsv(operatorTable(input, text), sep, input.timezone, text);
}
