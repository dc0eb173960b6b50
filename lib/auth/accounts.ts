import { createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, type AuthConfig } from '@/lib/config';
import { isPasswordHash, sameSecret, verifyPassword } from './passwords';
import type { Role } from './roles';

// Who can sign in: the two passwords of the configuration (a manager and a viewer account), and the
// named accounts of USERS_FILE, each with a scrypt hash made by `npm run hash-password`.
//
// USERS_FILE is read again when it changes, so removing someone, changing their role or their
// password takes effect without a restart. Each account has a credential fingerprint (a keyed hash
// of its role and password): a session remembers the fingerprint it was signed in with, and ends
// when the account's no longer matches.

export type PersonRole = Exclude<Role, 'display'>;

export interface SignedIn {
  name: string;
  role: PersonRole;
  /** The fingerprint of the credential used: see `credentialOf`. */
  credential: string;
}

const usersFileSchema = z.array(
  z.strictObject({
    name: z.string().trim().min(1).max(60),
    role: z.enum(['viewer', 'manager']),
    password: z.string().refine(isPasswordHash, { message: 'must be a hash made by npm run hash-password (scrypt$…)' }),
  }),
);

type NamedAccount = z.output<typeof usersFileSchema>[number];

/** How often a changed USERS_FILE is noticed, at most. */
const RECHECK_MS = 2000;

export interface AccountsOptions {
  /** Keys the credential fingerprints, so they say nothing about a password. */
  secret: string;
  now?: () => number;
  log?: { info(message: string): void; error(message: string): void };
}

export class Accounts {
  private named: Map<string, NamedAccount>;
  private fileStamp: string | null = null;
  private checkedAtMs = 0;
  private readonly now: () => number;
  /** Called with the names whose role or password changed, or who were removed, when the file changes. */
  onChange: ((names: string[]) => void) | null = null;

  constructor(
    private readonly config: AuthConfig,
    private readonly options: AccountsOptions,
  ) {
    this.now = options.now ?? Date.now;
    // At start a broken file stops the server; later, a broken edit keeps the accounts as they were.
    this.named = config.usersFile ? this.load(config.usersFile) : new Map();
  }

  /** Named accounts by name; without a name, the configured manager and viewer passwords. */
  async signIn(name: string | null, password: string): Promise<SignedIn | null> {
    this.refresh();
    if (name) {
      const account = this.named.get(name.trim().toLowerCase());
      // An unknown name costs the same scrypt as a known one: timing tells nothing about who exists.
      const ok = await verifyPassword(password, account?.password ?? DUMMY_HASH);
      return account && ok ? { name: account.name, role: account.role, credential: this.fingerprint(account.name, account.role, account.password) } : null;
    }
    // Both are compared every time, in constant time, so timing tells nothing about which matched.
    const manager = this.config.managerPassword !== null && sameSecret(password, this.config.managerPassword);
    const viewer = this.config.viewerPassword !== null && sameSecret(password, this.config.viewerPassword);
    if (manager) return { name: 'manager', role: 'manager', credential: this.credentialOf('manager', 'manager')! };
    if (viewer) return { name: 'viewer', role: 'viewer', credential: this.credentialOf('viewer', 'viewer')! };
    return null;
  }

  /**
   * The fingerprint the account `name` has now in `role`; null when there is no such account in
   * that role any more. A session whose fingerprint differs was signed in with an old password.
   */
  credentialOf(name: string, role: PersonRole): string | null {
    this.refresh();
    const named = this.named.get(name.toLowerCase());
    if (named) return named.role === role ? this.fingerprint(named.name, named.role, named.password) : null;
    if (name === 'manager' && role === 'manager' && this.config.managerPassword !== null) return this.fingerprint(name, role, this.config.managerPassword);
    if (name === 'viewer' && role === 'viewer' && this.config.viewerPassword !== null) return this.fingerprint(name, role, this.config.viewerPassword);
    return null;
  }

  get hasNamedAccounts(): boolean {
    return this.named.size > 0;
  }

  private fingerprint(name: string, role: PersonRole, material: string): string {
    return createHmac('sha256', this.options.secret).update(`credential\n${name.toLowerCase()}\n${role}\n${material}`).digest('base64url').slice(0, 22);
  }

  /** Reads USERS_FILE again when its size or time changed since the last look (at most every 2 s). */
  private refresh(): void {
    const file = this.config.usersFile;
    if (!file || this.now() - this.checkedAtMs < RECHECK_MS) return;
    this.checkedAtMs = this.now();
    let stamp: string;
    try {
      const stat = statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.fileStamp) return;
    let next: Map<string, NamedAccount>;
    try {
      next = this.load(file);
    } catch (error) {
      // Keep signing people in with the accounts as they were, and say why, once per change.
      this.fileStamp = stamp;
      this.options.log?.error(`${error instanceof Error ? error.message.replace('chatload cannot start: ', '') : 'USERS_FILE cannot be read'}; keeping the accounts read before`);
      return;
    }
    const changed: string[] = [];
    for (const [key, before] of this.named) {
      const after = next.get(key);
      if (!after || after.role !== before.role || after.password !== before.password) changed.push(before.name);
    }
    this.named = next;
    if (changed.length > 0) {
      this.options.log?.info(`USERS_FILE changed: the sessions of ${changed.length} account(s) end`);
      this.onChange?.(changed);
    }
  }

  private load(file: string): Map<string, NamedAccount> {
    const accounts = readUsersFile(file);
    try {
      const stat = statSync(file);
      this.fileStamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      this.fileStamp = 'missing';
    }
    return new Map(accounts.map((account) => [account.name.toLowerCase(), account]));
  }
}

// A valid hash of a random password nobody knows, for the unknown-name path.
const DUMMY_HASH = 'scrypt$32768$8$1$6z2Vb0pGYr0lP8v7m0qQzA$Yf3o7m1hK0mQm3bq1n2p3r4s5t6u7v8w9x0y1z2A3B4';

function readUsersFile(file: string): NamedAccount[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`chatload cannot start: USERS_FILE ${file} cannot be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`chatload cannot start: USERS_FILE ${file} is not valid JSON`);
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`chatload cannot start: USERS_FILE ${file}: ${issue.path.join('.') || 'the file'} ${issue.message}`);
  }
  return parsed.data;
}
