import { formatWallClock } from '@/lib/time/wall-clock';
import type { ExportRows } from './types';

// "chatload-2026-11-28T1400-operators.csv": what and when, sortable by name. The time is the team's
// clock, as on the page; a snapshot's label joins as an ASCII slug so a saved moment is found by
// name among the downloads. Only [a-z0-9-] besides the fixed parts: safe as is in Content-Disposition.

/** What the file holds: a CSV's rows, the Excel workbook, or the whole data set (JSON). */
export type ExportFileKind = ExportRows | 'workbook' | 'snapshot' | 'live';

export interface FileNameOptions {
  /** A snapshot's label; Cyrillic is transliterated, anything else not ASCII is dropped. */
  label?: string | null;
}

const MAX_SLUG_LENGTH = 40;

export function exportFileName(
  asOfMs: number,
  timezone: string,
  kind: ExportFileKind,
  ext: 'csv' | 'xlsx' | 'json',
  options: FileNameOptions = {},
): string {
  const [date = '', time = ''] = formatWallClock(asOfMs, timezone).split(' ');
  const stamp = `${date}T${time.slice(0, 2)}${time.slice(3, 5)}`;
  const slug = options.label ? labelSlug(options.label) : '';
  return ['chatload', stamp, slug, kind].filter((part) => part !== '').join('-') + `.${ext}`;
}

// Russian letters as Russian speakers write them in Latin (close to the passport standard, ICAO 9303).
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  і: 'i', ї: 'i', є: 'ie', ґ: 'g',
};

/** "Вечер, смена №2" → "vecher-smena-2"; empty when nothing of it is writable. */
export function labelSlug(label: string): string {
  // Decomposed first, so "ё", "é" and "№" become a base letter (or "No") and a mark to drop.
  let latin = '';
  for (const char of label.normalize('NFKD').toLowerCase()) latin += CYRILLIC[char] ?? char;
  const slug = latin
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}
