import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, type AuthConfig } from '@/lib/config';
import { isPasswordHash, sameSecret, verifyPassword } from './passwords';
import type { Role } from './roles';

// Who can sign in: the two passwords of the configuration (a manager and a viewer account), and the
// named accounts of USERS_FILE, each with a scrypt hash made by `npm run hash-password`.

export interface SignedIn {
  name: string;
  role: Exclude<Role, 'display'>;
}

const usersFileSchema = z.array(
  z.strictObject({
    name: z.string().trim().min(1).max(60),
    role: z.enum(['viewer', 'manager']),
    password: z.string().refine(isPasswordHash, { message: 'must be a hash made by npm run hash-password (scrypt$…)' }),
  }),
);

type NamedAccount = z.output<typeof usersFileSchema>[number];

export class Accounts {
  private readonly named: Map<string, NamedAccount>;

  constructor(private readonly config: AuthConfig) {
    this.named = new Map((config.usersFile ? readUsersFile(config.usersFile) : []).map((account) => [account.name.toLowerCase(), account]));
  }

  /** Named accounts by name; without a name, the configured manager and viewer passwords. */
  async signIn(name: string | null, password: string): Promise<SignedIn | null> {
    if (name) {
      const account = this.named.get(name.trim().toLowerCase());
      // An unknown name costs the same scrypt as a known one: timing tells nothing about who exists.
      const ok = await verifyPassword(password, account?.password ?? DUMMY_HASH);
      return account && ok ? { name: account.name, role: account.role } : null;
    }
    // Both are compared every time, in constant time, so timing tells nothing about which matched.
    const manager = this.config.managerPassword !== null && sameSecret(password, this.config.managerPassword);
    const viewer = this.config.viewerPassword !== null && sameSecret(password, this.config.viewerPassword);
    if (manager) return { name: 'manager', role: 'manager' };
    if (viewer) return { name: 'viewer', role: 'viewer' };
    return null;
  }

  get hasNamedAccounts(): boolean {
    return this.named.size > 0;
  }

  get hasSharedPasswords(): boolean {
    return this.config.managerPassword !== null || this.config.viewerPassword !== null;
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
