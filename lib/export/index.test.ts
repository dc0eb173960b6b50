import { describe, expect, it } from 'vitest';
import { buildExport } from './index';
import { exportInput } from './test-input';

describe('buildExport', () => {
  const input = exportInput();

  it('makes a CSV of the rows asked for, with the separator asked for', async () => {
    const chats = await buildExport(input, { format: 'csv', rows: 'chats', sep: ';' });
    expect(chats).toMatchObject({ fileName: 'chatload-2026-11-28T1400-chats.csv', contentType: 'text/csv; charset=utf-8' });
    expect(String(chats.body).startsWith('\uFEFFChat id;Chat name;')).toBe(true);
    const operators = await buildExport(input, { format: 'csv', rows: 'operators', sep: ',' });
    expect(operators.fileName).toBe('chatload-2026-11-28T1400-operators.csv');
    expect(String(operators.body).startsWith('\uFEFFOperator id,Operator,')).toBe(true);
  });

  it('makes one workbook and one JSON document whatever rows were asked for', async () => {
    const xlsx = await buildExport(input, { format: 'xlsx', rows: 'operators', sep: ';' });
    expect(xlsx).toMatchObject({ fileName: 'chatload-2026-11-28T1400-workbook.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(Buffer.isBuffer(xlsx.body) && xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');

    const json = await buildExport(input, { format: 'json', rows: 'operators', sep: ',' });
    expect(json).toMatchObject({ fileName: 'chatload-2026-11-28T1400-live.json', contentType: 'application/json' });
    const stored = await buildExport({ ...input, source: 'snapshot', snapshotId: 'A'.repeat(22) }, { format: 'json', rows: 'chats', sep: ',' });
    expect(stored.fileName).toBe('chatload-2026-11-28T1400-snapshot.json');
    const document = JSON.parse(String(json.body)) as { operators: unknown[]; chats: unknown[] };
    expect(document.chats).toHaveLength(input.chats.length);
    expect(document.operators).toHaveLength(input.aggregate.byUser.length);
  });

  it('names a labelled snapshot’s files after the label', async () => {
    const file = await buildExport(exportInput({ label: 'Утро понедельника' }), { format: 'csv', rows: 'chats', sep: ',' });
    expect(file.fileName).toBe('chatload-2026-11-28T1400-utro-ponedelnika-chats.csv');
  });
});
