import { describe, expect, it } from 'vitest';
import { exportDocument, exportJson } from './json';
import { exportDocumentSchema } from './json-schema';
import { exportInput } from './test-input';

describe('exportJson', () => {
  it('validates against its own schema, losing nothing to it', () => {
    const document = JSON.parse(exportJson(exportInput({ label: 'Вечер, "смена" =1+1' })));
    expect(exportDocumentSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      schema: 'chatload.export',
      version: 1,
      asOf: '2026-11-28T14:00:05+03:00',
      timezone: 'Europe/Moscow',
      source: 'snapshot',
      snapshotId: 'snap-1',
      label: 'Вечер, "смена" =1+1',
      complete: true,
      partialReason: null,
      filters: { channel: null, user: null },
    });
  });

  it('says the same numbers as the aggregate, and lists every chat', () => {
    const input = exportInput({ filters: { channel: '10', user: null } });
    const document = exportDocumentSchema.parse(JSON.parse(exportJson(input)));
    expect(document.totals).toEqual(input.aggregate.totals);
    expect(document.ageBuckets).toEqual(input.aggregate.ageBuckets);
    expect(document.chats.map((chat) => chat.chatId)).toEqual(input.chats.map((chat) => chat.chatId));
    expect(document.chats).toHaveLength(input.aggregate.totals.openChats);
    expect(document.operators.map((operator) => operator.userId)).toEqual(input.aggregate.byUser.map((user) => user.userId));
    expect(document.channels).toEqual(input.aggregate.byChannel);
  });

  it('keeps names as they are and marks what is unknown with null', () => {
    const document = exportDocument(exportInput());
    const chat = (id: string) => document.chats.find((row) => row.chatId === id);
    expect(chat('002')).toEqual({
      chatId: '002',
      chatName: '=HYPERLINK("http://x","click")',
      phone: '-5',
      operatorId: '2',
      operatorName: '=1+1',
      channelId: 'tg-2',
      channelName: 'Telegram "Поддержка"',
      lastMessageAt: '2026-11-28T13:50:05+03:00',
      ageSeconds: 600,
      ageBucket: '5to15m',
    });
    expect(chat('c4')).toMatchObject({ operatorId: '0', operatorName: null, channelName: null });
    expect(chat('c5')).toMatchObject({ operatorName: null, channelId: '', lastMessageAt: null, ageSeconds: null, ageBucket: null });
    const unassigned = document.operators.find((row) => row.userId === '0');
    expect(unassigned).toMatchObject({ unassigned: true, name: null, openChats: 1, buckets: { '4to24h': 1, gt24h: 0 } });
    expect(document.operators.find((row) => row.userId === '3')).toMatchObject({ deleted: true, unassigned: false });
  });

  it('rejects a document whose list and numbers disagree, or whose times lack an offset', () => {
    const document = exportDocument(exportInput());
    expect(exportDocumentSchema.safeParse({ ...document, chats: document.chats.slice(1) }).success).toBe(false);
    expect(exportDocumentSchema.safeParse({ ...document, asOf: '2026-11-28T14:00:05' }).success).toBe(false);
    expect(exportDocumentSchema.safeParse({ ...document, version: 2 }).success).toBe(false);
  });
});
