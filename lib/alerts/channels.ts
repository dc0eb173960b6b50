import 'server-only';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { AlertsConfig } from '@/lib/config';
import { redact, registerSecret } from '@/lib/log';
import type { AlertSettings } from '@/lib/settings/schema';
import type { AlertChannel } from '@/lib/storage/types';

// The three ways out: a webhook (JSON with `text`, so Slack, Mattermost and Rocket.Chat incoming
// webhooks take it as is), the Telegram Bot API, e-mail over SMTP. Each send has its own timeout
// and fails with a DeliveryError whose message is a sentence without a secret: no URL (a webhook's
// path or a Bot API URL holds the token), no password.

/** What a queued delivery sends; stored as JSON, never with a secret or a target in it. */
export interface DeliveryPayload {
  text: string;
  subject: string;
  /** The webhook's `alert` object; null for a report or a test. */
  alert: WebhookAlert | null;
  /** A report's numbers, for the webhook. */
  report?: unknown;
  /** The shift's workbook, for e-mail only. */
  attachment?: { fileName: string; contentType: string; base64: string };
}

export interface WebhookAlert {
  rule: string;
  state: 'firing' | 'resolved';
  value: number;
  threshold: number;
  team: string | null;
  startedAt: string;
  url: string | null;
}

export interface ChannelTarget {
  kind: AlertChannel;
  source: 'env' | 'settings';
  /** A description without secrets, for the Settings page. */
  target: string;
}

export interface Targets {
  webhook: (ChannelTarget & { url: string }) | null;
  telegram: (ChannelTarget & { apiUrl: string; token: string; chatId: string }) | null;
  email: (ChannelTarget & { smtpUrl: string; from: string; to: string[] }) | null;
}

export class DeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** Registers every secret of the environment's channels with the log (once, at start). */
export function registerChannelSecrets(config: AlertsConfig): void {
  if (config.telegramBotToken) registerSecret(config.telegramBotToken);
  if (config.smtpUrl) registerUrlSecrets(config.smtpUrl);
  if (config.webhookUrl) registerUrlSecrets(config.webhookUrl);
}

/** A URL's password, its user:password, its query values, and the URL itself. */
function registerUrlSecrets(url: string): void {
  registerSecret(url);
  try {
    const parsed = new URL(url);
    if (parsed.password) registerSecret(decodeURIComponent(parsed.password));
    if (parsed.username && parsed.password) registerSecret(`${parsed.username}:${parsed.password}`);
    for (const value of parsed.searchParams.values()) registerSecret(value);
    // A Slack-style webhook carries its secret in the path.
    if (parsed.pathname.length > 12) registerSecret(parsed.pathname);
  } catch {
    // Not a URL: registered whole above.
  }
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host;
  } catch {
    return 'an unreadable address';
  }
}

/** The targets in force: the settings' where they name one, else the environment's. Secrets only from the environment. */
export function resolveTargets(config: AlertsConfig, settings: AlertSettings): Targets {
  const webhookUrl = settings.webhookUrl ?? config.webhookUrl;
  if (settings.webhookUrl) registerUrlSecrets(settings.webhookUrl);
  const chatId = settings.telegramChatId ?? config.telegramChatId;
  const to = settings.emailTo ?? (config.emailTo.length > 0 ? config.emailTo : null);
  const smtpHost = config.smtpUrl ? hostOf(config.smtpUrl) : '';
  return {
    webhook: webhookUrl
      ? { kind: 'webhook', source: settings.webhookUrl ? 'settings' : 'env', target: `POST to ${new URL(webhookUrl).protocol}//${hostOf(webhookUrl)}/…`, url: webhookUrl }
      : null,
    telegram:
      config.telegramBotToken && chatId
        ? {
            kind: 'telegram',
            source: settings.telegramChatId ? 'settings' : 'env',
            target: `chat ${chatId} through ${hostOf(config.telegramApiUrl)}`,
            apiUrl: config.telegramApiUrl,
            token: config.telegramBotToken,
            chatId,
          }
        : null,
    email:
      config.smtpUrl && to && to.length > 0
        ? {
            kind: 'email',
            source: settings.emailTo ? 'settings' : 'env',
            target: `to ${to.join(', ')} through ${smtpHost}`,
            smtpUrl: config.smtpUrl,
            from: config.emailFrom ?? `chatload <chatload@${smtpHost.split(':')[0] || 'localhost'}>`,
            to,
          }
        : null,
  };
}

export function anyTarget(targets: Targets): boolean {
  return targets.webhook !== null || targets.telegram !== null || targets.email !== null;
}

/** Sends one payload on one channel within `timeoutMs`; throws a DeliveryError. */
export async function sendOn(channel: AlertChannel, payload: DeliveryPayload, targets: Targets, timeoutMs: number): Promise<void> {
  switch (channel) {
    case 'webhook': {
      const target = targets.webhook;
      if (!target) throw new DeliveryError('The webhook is not configured (ALERT_WEBHOOK_URL or the settings).');
      const body = payload.alert ? { text: payload.text, alert: payload.alert } : { text: payload.text, ...(payload.report ? { report: payload.report } : {}) };
      await post('The webhook', target.url, body, timeoutMs);
      return;
    }
    case 'telegram': {
      const target = targets.telegram;
      if (!target) throw new DeliveryError('Telegram is not configured (TELEGRAM_BOT_TOKEN and a chat id).');
      const answer = await post('The Telegram Bot API', `${target.apiUrl}/bot${target.token}/sendMessage`, { chat_id: target.chatId, text: payload.text, disable_web_page_preview: true }, timeoutMs);
      const parsed = safeJson(answer) as { ok?: boolean; description?: string } | null;
      if (parsed && parsed.ok === false) throw new DeliveryError(`The Telegram Bot API refused the message: ${clean(parsed.description ?? 'no reason given')}.`);
      return;
    }
    case 'email': {
      const target = targets.email;
      if (!target) throw new DeliveryError('E-mail is not configured (SMTP_URL and ALERT_EMAIL_TO or the settings).');
      const transport = nodemailer.createTransport({ url: target.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as SMTPTransport.Options);
      try {
        await withTimeout(
          transport.sendMail({
            from: target.from,
            to: target.to,
            subject: payload.subject,
            text: payload.text,
            attachments: payload.attachment
              ? [{ filename: payload.attachment.fileName, contentType: payload.attachment.contentType, content: Buffer.from(payload.attachment.base64, 'base64') }]
              : [],
          }),
          timeoutMs,
          'The SMTP server',
        );
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code;
        throw new DeliveryError(`The SMTP server at ${hostOf(target.smtpUrl)} did not take the message (${clean(String(code ?? (error instanceof Error ? error.message : 'an error')))}).`, { cause: error });
      } finally {
        transport.close();
      }
      return;
    }
  }
}

async function post(who: string, url: string, body: unknown, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new DeliveryError(`${who} at ${hostOf(url)} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { cause: error });
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`${who} at ${hostOf(url)} could not be reached (${code ?? 'network error'}).`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const description = (safeJson(text) as { description?: string } | null)?.description;
    throw new DeliveryError(`${who} at ${hostOf(url)} answered HTTP ${response.status}${description ? `: ${clean(description)}` : ''}.`);
  }
  return text;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, who: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(`${who} did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Someone else's words in our sentence: short, one line, no URL, no registered secret. */
function clean(text: string): string {
  return redact(text.replace(/\s+/g, ' ').replace(/\b\w+:\/\/\S+/g, '[address]').slice(0, 160));
}
