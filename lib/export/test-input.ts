import { NO_FILTERS, aggregate, compileFilters, matchesFilters, prepareChats, type LoadFilters } from '@/lib/load/aggregate';
import type { LoadRules } from '@/lib/load/rules';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import type { ExportInput } from './types';

// For the export tests: a team whose names hold everything a file format can trip on.

/** 2026-11-28 11:00:05 UTC: 14:00:05 in Moscow. */
export const NOW = Date.UTC(2026, 10, 28, 11, 0, 5);

const operator = (id: string, name: string, flags: Partial<Operator> = {}): Operator => ({ id, name, admin: false, locked: false, deleted: false, lastActiveMs: null, ...flags });

export const OPERATORS: Operator[] = [
  operator('1', 'Анна "Аня" Петрова'),
  operator('2', '=1+1', { locked: true }),
  operator('3', 'Gone, Борис\nsecond line', { deleted: true }),
  operator('u-7', 'Émile 😀, "quoted"'),
  operator('8', '+Idle'),
];

export const CHANNELS: Channel[] = [
  { id: '10', name: 'WhatsApp; Продажи', type: 'whatsapp', state: 'authorized' },
  { id: 'tg-2', name: 'Telegram "Поддержка"', type: 'tg', state: 'notAuthorized' },
  { id: '30', name: null, type: 'tg_bot', state: null },
];

function chat(chatId: string, chatName: string, phone: string, operatorId: string | null, channelId: string | null, ageSeconds: number | null, asOfMs: number): OpenChat {
  return { chatId, chatName, phone, avatar: '', operatorId, channelId, lastMessageMs: ageSeconds === null ? null : asOfMs - ageSeconds * 1000, group: false };
}

/** In the order the CSV lists them: oldest first, the undated one last. */
export function rawChats(asOfMs = NOW): OpenChat[] {
  return [
    chat('c6', 'Семён; точка с запятой', '', 'u-7', 'zz', 100_000, asOfMs), // channel not in the list
    chat('c4', '\tTabbed', '79990001122', null, '30', 20_000, asOfMs), // unassigned, channel without a name
    chat('c3', 'line1\nline2\r\nline3', '@home', '3', '10', 5000, asOfMs), // deleted operator
    chat('002', '=HYPERLINK("http://x","click")', '-5', '2', 'tg-2', 600, asOfMs),
    chat('c1', 'Иван, "VIP" 🚀', '+7 999 123-45-67', '1', '10', 30, asOfMs),
    chat('c5', 'Undated', '', '99', null, null, asOfMs), // operator not in the list, no channel
  ];
}

export function exportInput(
  options: { filters?: Partial<LoadFilters>; timezone?: string; asOfMs?: number; raw?: OpenChat[]; label?: string | null; rules?: LoadRules } = {},
): ExportInput {
  const asOfMs = options.asOfMs ?? NOW;
  const filters: LoadFilters = { ...NO_FILTERS, ...options.filters };
  const rules = options.rules ?? DEFAULT_SETTINGS;
  const { chats } = prepareChats(options.raw ?? rawChats(asOfMs), asOfMs);
  const dataset = { asOfMs, chats, operators: OPERATORS, channels: CHANNELS };
  const label = options.label === undefined ? null : options.label;
  return {
    asOfMs,
    timezone: options.timezone ?? 'Europe/Moscow',
    filters,
    label,
    source: label === null ? 'live' : 'snapshot',
    snapshotId: label === null ? null : 'snap-1',
    complete: true,
    partialReason: null,
    chats: chats.filter((row) => matchesFilters(row, compileFilters(filters, rules))),
    operators: OPERATORS,
    channels: CHANNELS,
    rules,
    aggregate: aggregate(dataset, filters, rules),
  };
}

/** RFC 4180, strictly: throws on a stray quote or a line not ended by CRLF. */
export function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') (field += '"'), (i += 2);
          else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== sep && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    }
    const c = text[i];
    if (c === undefined) break;
    if (c === sep) {
      row.push(field), (field = ''), i++;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    } else if (c === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else if (c === '"') {
      throw new Error(`quote inside an unquoted field at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last line not ended by CRLF');
  return rows;
}
