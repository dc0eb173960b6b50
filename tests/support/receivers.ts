// Real local receivers for alert deliveries, for the integration and e2e tests: an SMTP server that
// keeps what it receives (smtp-server), a stand-in for the Telegram Bot API (sendMessage over
// HTTP), and a webhook endpoint that can be told to fail its next deliveries.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The whole message as sent (headers and MIME parts). */
  raw: string;
  subject: string;
  /** The text part, decoded. */
  text: string;
  attachments: Array<{ fileName: string; contentType: string; content: Buffer }>;
}

export interface SmtpReceiver {
  /** smtp://user:password@127.0.0.1:port */
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Sign-ins refused (a wrong password). */
  refusedLogins: number;
  close(): Promise<void>;
}

export async function startSmtpReceiver(options: { user: string; password: string; port?: number }): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const state = { refusedLogins: 0 };
  const server = new SMTPServer({
    // Loopback only; no certificate, so no STARTTLS, and sign-in allowed without it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      state.refusedLogins++;
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((entry) => entry.address),
          raw,
          ...parseMime(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${port}`,
    port,
    mails,
    get refusedLogins() {
      return state.refusedLogins;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for our own messages: the subject, the text part and base64 attachments. */
function parseMime(raw: string): Pick<ReceivedMail, 'subject' | 'text' | 'attachments'> {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = unfold(head);
  const subject = decodeWords(header(headers, 'subject') ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(header(headers, 'content-type') ?? '')?.[1];
  const body = rest.join('\r\n\r\n');
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`${head}\r\n\r\n${body}`];
  let text = '';
  const attachments: ReceivedMail['attachments'] = [];
  for (const part of parts) {
    const split = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const partHeaders = unfold(split[0] ?? '');
    const content = split.slice(1).join('\r\n\r\n');
    const type = header(partHeaders, 'content-type') ?? 'text/plain';
    const encoding = (header(partHeaders, 'content-transfer-encoding') ?? '7bit').toLowerCase();
    const decoded = encoding === 'base64' ? Buffer.from(content.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? quotedPrintable(content) : Buffer.from(content, 'utf8');
    const disposition = header(partHeaders, 'content-disposition') ?? '';
    const fileName = /filename="?([^";\r\n]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";\r\n]+)"?/i.exec(type)?.[1];
    if (/attachment/i.test(disposition) || fileName) attachments.push({ fileName: fileName ?? '', contentType: type.split(';')[0]!.trim(), content: decoded });
    else if (/^text\/plain/i.test(type) && !text) text = decoded.toString('utf8').replace(/\r\n/g, '\n').trim();
  }
  return { subject, text, attachments };
}

function unfold(block: string): string[] {
  return block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

function header(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((entry) => entry.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

function quotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** =?UTF-8?B?…?= and =?UTF-8?Q?…?= words of a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

// ── HTTP receivers ─────────────────────────────────────────────────────────────────────────────

export interface HttpReceiver<T> {
  url: string;
  received: T[];
  /** Answers the next `count` requests with `status` (default 500) instead of taking them. */
  failNext(count: number, status?: number): void;
  /** Waits this long before answering each request (a slow receiver). */
  delay(ms: number): void;
  /** Every request, taken or refused, with the time it came. */
  attempts: Array<{ atMs: number; status: number }>;
  close(): Promise<void>;
}

async function startHttpReceiver<T>(handle: (request: IncomingMessage, body: string) => { status: number; body: unknown; keep: T | null }): Promise<HttpReceiver<T>> {
  const received: T[] = [];
  const attempts: Array<{ atMs: number; status: number }> = [];
  let failures = 0;
  let failStatus = 500;
  let delayMs = 0;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let outcome: { status: number; body: unknown; keep: T | null };
        if (failures > 0) {
          failures--;
          outcome = { status: failStatus, body: { ok: false, description: 'Internal Server Error' }, keep: null };
        } else outcome = handle(request, body);
        attempts.push({ atMs: Date.now(), status: outcome.status });
        if (outcome.keep !== null) received.push(outcome.keep);
        response.writeHead(outcome.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(outcome.body));
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    attempts,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    delay(ms) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WebhookDelivery {
  path: string;
  body: { text: string; alert?: Record<string, unknown>; report?: Record<string, unknown> };
}

/** A webhook endpoint: POST JSON anywhere under its URL. */
export function startWebhookReceiver(): Promise<HttpReceiver<WebhookDelivery>> {
  return startHttpReceiver<WebhookDelivery>((request, body) => {
    const parsed = safeJson(body);
    if (request.method !== 'POST' || parsed === null) return { status: 400, body: { error: 'expected a JSON POST' }, keep: null };
    return { status: 200, body: { ok: true }, keep: { path: request.url ?? '/', body: parsed as WebhookDelivery['body'] } };
  });
}

export interface BotMessage {
  token: string;
  chatId: string;
  text: string;
}

/** The Telegram Bot API's sendMessage for one bot token; any other token is refused as Telegram does (401). */
export function startBotApi(options: { token: string }): Promise<HttpReceiver<BotMessage>> {
  let messageId = 0;
  return startHttpReceiver<BotMessage>((request, body) => {
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' }, keep: null };
    if (decodeURIComponent(match[1]!) !== options.token) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' }, keep: null };
    const parsed = safeJson(body) as { chat_id?: string | number; text?: string } | null;
    if (!parsed?.chat_id || !parsed.text) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' }, keep: null };
    messageId++;
    return {
      status: 200,
      body: { ok: true, result: { message_id: messageId, chat: { id: parsed.chat_id }, text: parsed.text } },
      keep: { token: match[1]!, chatId: String(parsed.chat_id), text: parsed.text },
    };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
