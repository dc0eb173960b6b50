import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '@/tests/support/scripted-server';
import { createWammClient, type UpstreamCall, type WammClient } from './client';
import { WammError } from './errors';

const TOKEN = 'se/cr+et=tok';

let server: ScriptedServer;
let client: WammClient;

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  client = createWammClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 500, retries: 2, retryDelayMs: 5, timezone: 'Europe/Moscow' });
});

async function failure(promise: Promise<unknown>): Promise<WammError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WammError);
    return error as WammError;
  }
  throw new Error('expected the call to fail');
}

const chat = {
  chat_id: '101',
  chat_name: 'Иван, "VIP"',
  phone: '79990001122',
  avatar: '',
  user_id: 8,
  date_msg: '2024-10-09 10:28:45',
  api_id: 1234,
};

describe('wamm.chat client', () => {
  it('puts the URL-encoded token in the path and asks for all chats of all channels', async () => {
    server.answer({ body: JSON.stringify({ err: 0, data: [chat] }) });
    await client.userChats();
    expect(server.requests).toEqual([`/api2/user_chats/${encodeURIComponent(TOKEN)}/0/0`]);
  });

  it('reads ids as strings, every way of writing "nobody" as no operator, and dates in the account’s zone', async () => {
    server.answer({
      body: JSON.stringify({
        err: 0,
        data: [
          chat,
          { ...chat, chat_id: 102, user_id: '' },
          { ...chat, chat_id: 103, user_id: null },
          { ...chat, chat_id: 104, user_id: 0, api_id: '' },
          { ...chat, chat_id: 105, user_id: '0', date_msg: '0000-00-00 00:00:00', phone: '120363025555555555@g.us' },
        ],
      }),
    });
    const chats = await client.userChats();
    expect(chats.map((c) => [c.chatId, c.operatorId, c.channelId, c.group])).toEqual([
      ['101', '8', '1234', false],
      ['102', null, '1234', false],
      ['103', null, '1234', false],
      ['104', null, null, false],
      ['105', null, '1234', true],
    ]);
    expect(chats[0]!.chatName).toBe('Иван, "VIP"');
    // 10:28:45 in Moscow (UTC+3) is 07:28:45 UTC.
    expect(chats[0]!.lastMessageMs).toBe(Date.UTC(2024, 9, 9, 7, 28, 45));
    expect(chats[4]!.lastMessageMs).toBeNull();
  });

  it('reads operators with their last activity in the account’s zone', async () => {
    server.answer({
      body: JSON.stringify({
        err: 0,
        data: [
          { user_id: 8101, acc: 'admin', email: 'a@example.com', name: 'Анна', dt_reg: '2024-01-01 00:00:00', dt_active: '2026-11-28 13:55:00', lock: 0, deleted: 0 },
          { user_id: '8102', acc: 'user', email: '', name: '', dt_active: null, lock: '1', deleted: 0 },
        ],
      }),
    });
    expect(await client.userList()).toEqual([
      { id: '8101', name: 'Анна', admin: true, locked: false, deleted: false, lastActiveMs: Date.UTC(2026, 10, 28, 10, 55) },
      { id: '8102', name: null, admin: false, locked: true, deleted: false, lastActiveMs: null },
    ]);
  });

  it('treats "fail get data" as an empty list, not an error', async () => {
    server.answer({ body: '{"err":"fail get data"}' });
    expect(await client.userChats()).toEqual([]);
    expect(await client.userList()).toEqual([]);
  });

  it.each([
    ['token fail', 'token_fail'],
    ['acc not authorized', 'acc_not_authorized'],
    ['user_id fail', 'unknown_user'],
  ])('maps err "%s" to %s without retrying', async (err, code) => {
    server.answer({ body: JSON.stringify({ err }) });
    const error = await failure(client.userChats('5'));
    expect(error.code).toBe(code);
    expect(server.requests).toHaveLength(1);
  });

  it('explains a rejected token in words a supervisor can act on', async () => {
    server.answer({ body: '{"err":"token fail"}' });
    const error = await failure(client.userChats());
    expect(error.message).toBe('wamm.chat rejected the API token (token fail): check WAMM_TOKEN');
  });

  it('retries the undocumented "fail execution" and succeeds when it passes', async () => {
    let calls = 0;
    server.answer(() => (++calls < 3 ? { body: '{"err":"fail execution"}' } : { body: JSON.stringify({ err: 0, data: [chat] }) }));
    expect(await client.userChats()).toHaveLength(1);
    expect(calls).toBe(3);
  });

  it('gives up after the bounded retries on HTTP 500', async () => {
    server.answer({ status: 500, body: 'oops' });
    const error = await failure(client.userChats());
    expect(error.code).toBe('bad_upstream_response');
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    ['an HTML page', { contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' }],
    ['truncated JSON', { body: '{"err":0,"data":[{"chat_id":' }],
    ['JSON without err', { body: '{"data":[]}' }],
    ['rows of the wrong shape', { body: '{"err":0,"data":[{"chat_name":"no id"}]}' }],
    ['HTTP 404', { status: 404, body: 'not found' }],
  ])('reports %s as bad_upstream_response, once', async (_name, answer) => {
    server.answer(answer);
    const error = await failure(client.userChats());
    expect(error.code).toBe('bad_upstream_response');
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hanging answer as upstream_timeout, without retrying', async () => {
    server.answer({ delayMs: 2000, body: '{"err":0,"data":[]}' });
    const error = await failure(client.userChats());
    expect(error.code).toBe('upstream_timeout');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a dropped connection as upstream_unavailable after retrying', async () => {
    server.answer({ reset: true });
    const error = await failure(client.userChats());
    expect(error.code).toBe('upstream_unavailable');
    expect(server.requests).toHaveLength(3);
  });

  it('reports a closed port as upstream_unavailable', async () => {
    const closed = await startScriptedServer();
    await closed.close();
    const offline = createWammClient({ baseUrl: closed.baseUrl, token: TOKEN, timeoutMs: 500, retries: 0, timezone: 'Europe/Moscow' });
    const error = await failure(offline.userChats());
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toContain('connection refused');
  });

  it('never puts the token or the URL in an error message', async () => {
    const answers = [
      { status: 500, body: TOKEN },
      { contentType: 'text/html', body: `<p>${TOKEN}</p>` },
      { body: JSON.stringify({ err: `bad ${TOKEN}` }) },
      { delayMs: 2000 },
      { reset: true },
    ];
    for (const answer of answers) {
      server.answer(answer);
      const error = await failure(client.userChats());
      for (const text of [error.message, String(error), JSON.stringify(error.toInfo())]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(encodeURIComponent(TOKEN));
        expect(text).not.toContain('/api2/');
      }
    }
  });

  it('reads users and channels with their flags', async () => {
    server.answer({
      body: JSON.stringify({
        err: 0,
        data: [
          { user_id: 100, acc: 'admin', email: 'a@x', name: 'Анна', lock: 0, deleted: 0 },
          { user_id: '101', acc: 'user', email: '', name: '', lock: '1', deleted: 1 },
        ],
      }),
    });
    expect(await client.userList()).toEqual([
      { id: '100', name: 'Анна', admin: true, locked: false, deleted: false, lastActiveMs: null },
      { id: '101', name: null, admin: false, locked: true, deleted: true, lastActiveMs: null },
    ]);
    server.answer({
      body: JSON.stringify({ err: 0, data: [{ api_id: 55, api_tip: 'tg', api_tag: 'Support TG', phone: '', state: 'notAuthorized' }] }),
    });
    expect(await client.channelList()).toEqual([{ id: '55', name: 'Support TG', type: 'tg', state: 'notAuthorized' }]);
    expect(server.requests.at(-1)).toBe(`/api2/channel_list/${encodeURIComponent(TOKEN)}/active`);
  });

  it('refuses an answer larger than 32 MB rather than hold it', async () => {
    // Valid JSON, only too much of it: 40 MB of chats.
    const row = JSON.stringify(chat);
    const rows = Math.ceil((40 * 1024 * 1024) / row.length);
    server.answer({ body: `{"err":0,"data":[${Array.from({ length: rows }, () => row).join(',')}]}` });
    const patient = createWammClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 10_000, retries: 0, timezone: 'UTC' });
    const error = await failure(patient.userChats());
    expect(error.code).toBe('bad_upstream_response');
    expect(error.detail).toBe('an answer larger than 32 MB');
    expect(error.message).toBe('wamm.chat sent an answer chatload could not read (an answer larger than 32 MB)');
  });

  it('stops reading an endless answer at the cap, long before the timeout', async () => {
    // An upstream (or a proxy before it) that never stops sending: no Content-Length, no end.
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const endless = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"err":0,"data":[');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = endless.address() as AddressInfo;
      const capped = createWammClient({ baseUrl: `http://127.0.0.1:${port}/api2`, token: TOKEN, timeoutMs: 10_000, retries: 0, timezone: 'UTC', maxAnswerBytes: 4 * 1024 * 1024 });
      const started = performance.now();
      const error = await failure(capped.userChats());
      expect(error.code).toBe('bad_upstream_response');
      expect(error.detail).toBe('an answer larger than 4 MB');
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });

  it('gives up a call when the caller stops waiting, without retrying', async () => {
    server.answer({ delayMs: 5000 });
    const controller = new AbortController();
    const patient = createWammClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 10_000, retries: 2, retryDelayMs: 5, timezone: 'UTC' });
    const started = performance.now();
    const call = failure(patient.userChats('8101', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const error = await call;
    expect(error.code).toBe('upstream_timeout');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  describe('contact_to_user', () => {
    it('asks once with the phone and the operator, or none to remove one', async () => {
      server.answer({ body: JSON.stringify({ err: 0, result: 'success' }) });
      expect(await client.contactToUser('+7 916 000-00-01', '8102')).toBe('success');
      expect(await client.contactToUser('79160000001', null)).toBe('success');
      expect(server.requests).toEqual([
        `/api2/contact_to_user/${encodeURIComponent(TOKEN)}/${encodeURIComponent('+7 916 000-00-01')}/8102`,
        `/api2/contact_to_user/${encodeURIComponent(TOKEN)}/79160000001/none`,
      ]);
    });

    it.each([
      ['phone fail', 'phone_fail'],
      ['not found', 'not_found'],
      ['user not found', 'user_not_found'],
      ['user not active', 'user_not_active'],
    ] as const)('reads "%s" as a refusal, not as a failure', async (err, outcome) => {
      server.answer({ body: JSON.stringify({ err }) });
      expect(await client.contactToUser('79160000001', '8102')).toBe(outcome);
    });

    it('never sends the write twice: not after an HTTP 500, a dropped connection, "fail execution" or no answer', async () => {
      const faults = [{ status: 500, body: 'Internal Server Error' }, { reset: true }, { body: JSON.stringify({ err: 'fail execution' }) }, { delayMs: 800 }];
      for (const fault of faults) {
        server.requests.length = 0;
        server.answer(fault);
        const error = await failure(client.contactToUser('79160000001', '8102'));
        expect(error.method).toBe('contact_to_user');
        expect(server.requests, JSON.stringify(fault)).toHaveLength(1);
      }
    });

    it('reports a rejected token as such', async () => {
      server.answer({ body: JSON.stringify({ err: 'token fail' }) });
      expect((await failure(client.contactToUser('79160000001', '8102'))).code).toBe('token_fail');
    });
  });

  describe('onCall, for metrics', () => {
    it('hears of every attempt with its method, duration and failure code; a refusal to move is an answer', async () => {
      const calls: UpstreamCall[] = [];
      const counted = createWammClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 500, retries: 2, retryDelayMs: 5, timezone: 'Europe/Moscow', onCall: (call) => calls.push(call) });
      let attempts = 0;
      server.answer(() => (++attempts < 3 ? { status: 500, body: 'oops' } : { body: JSON.stringify({ err: 0, data: [chat] }) }));
      await counted.userChats();
      server.answer({ body: '{"err":"token fail"}' });
      await failure(counted.userList());
      server.answer({ body: JSON.stringify({ err: 'not found' }) });
      expect(await counted.contactToUser('79160000001', '8102')).toBe('not_found');
      expect(calls.map(({ method, code }) => [method, code])).toEqual([
        ['user_chats', 'bad_upstream_response'],
        ['user_chats', 'bad_upstream_response'],
        ['user_chats', null],
        ['user_list', 'token_fail'],
        ['contact_to_user', null],
      ]);
      for (const call of calls) expect(call.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('is never let break a call', async () => {
      const throwing = createWammClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 500, timezone: 'Europe/Moscow', onCall: () => { throw new Error('boom'); } });
      server.answer({ body: JSON.stringify({ err: 0, data: [chat] }) });
      expect(await throwing.userChats()).toHaveLength(1);
    });
  });
});
