import 'server-only';

// Server log lines. Secrets registered here are cut out of every line as a last line of defence;
// the first is never to put a URL or the token in a message at all.

const secrets = new Set<string>();

export function registerSecret(secret: string): void {
  if (secret.length < 4) return;
  secrets.add(secret);
  secrets.add(encodeURIComponent(secret));
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

type Level = 'info' | 'warn' | 'error';

function write(level: Level, message: string): void {
  const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} chatload: ${message}`);
  if (level === 'info') process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

export const log = {
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
};
