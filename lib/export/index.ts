import { chatsCsv, operatorsCsv } from './csv';
import { exportFileName } from './file-name';
import { exportJson } from './json';
import type { CsvSeparator, ExportFile, ExportFormat, ExportInput, ExportRows } from './types';
import { workbook } from './xlsx';

// One entry for the export routes: an input and a format in, a named file out.

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

export interface ExportOptions {
  format: ExportFormat;
  /** Which table a CSV holds; the workbook and the JSON hold both. */
  rows: ExportRows;
  /** CSV only. */
  sep: CsvSeparator;
}

export async function buildExport(input: ExportInput, options: ExportOptions): Promise<ExportFile> {
  const name = (kind: Parameters<typeof exportFileName>[2]) =>
    exportFileName(input.asOfMs, input.timezone, kind, options.format, { label: input.label });
  const contentType = CONTENT_TYPES[options.format];
  switch (options.format) {
    case 'csv':
      return {
        fileName: name(options.rows),
        contentType,
        body: options.rows === 'operators' ? operatorsCsv(input, options.sep) : chatsCsv(input, options.sep),
      };
    case 'xlsx':
      return { fileName: name('workbook'), contentType, body: await workbook(input) };
    case 'json':
      // The whole data set: named for where it comes from, a snapshot or the live view.
      return { fileName: name(input.source), contentType, body: exportJson(input) };
  }
}

export type { CsvSeparator, ExportFile, ExportFormat, ExportInput, ExportRows } from './types';
