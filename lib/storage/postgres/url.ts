// A PostgreSQL connection URL in words for messages, and the password cut out of any text that
// might have picked it up. Nothing in chatload prints the URL itself.

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "host:port/database", without user or password: `postgres://u:pw@db.local/chatload` → "db.local:5432/chatload". */
export function describeDatabaseUrl(url: string): string {
  const parsed = parse(url);
  if (parsed === null) return 'an unreadable DATABASE_URL';
  const params = parsed.searchParams;
  // A socket folder may come as ?host=/run/postgresql; the database defaults to the user's name, as libpq does.
  const host = decode(parsed.hostname) || params.get('host') || 'localhost';
  const port = parsed.port || params.get('port') || '5432';
  const database = decode(parsed.pathname.replace(/^\//, '')) || params.get('dbname') || decode(parsed.username) || 'postgres';
  return `${host}:${port}/${database}`;
}

/** The URL's password (as written and decoded), for cutting out of driver messages. */
function passwordsOf(url: string): string[] {
  const parsed = parse(url);
  const found = [parsed?.password, parsed?.searchParams.get('password')]
    .filter((text): text is string => typeof text === 'string' && text.length > 0)
    .flatMap((text) => [text, decode(text)]);
  return [...new Set(found)];
}

/** `text` with every form of the URL's password replaced: a last defence for driver text we pass on. */
export function withoutPassword(text: string, url: string): string {
  let out = text;
  for (const password of passwordsOf(url)) out = out.split(password).join('***');
  return out;
}
