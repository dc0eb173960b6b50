import type { AuditService } from '@/lib/audit/service';
import type { Accounts } from './accounts';
import { PasswordChecksBusyError } from './passwords';
import type { AttemptGate } from './rate-limit';
import type { ClientFacts, SessionService } from './sessions';

// Signing in, in the order that makes guessing slow: the attempt is reserved against the address's
// limit before the password is checked (so parallel guesses are counted), the check runs in a
// bounded pool, then the outcome is counted, audited and, on success, a session is stored.

export type SignInResult =
  | { kind: 'ok'; name: string; role: 'viewer' | 'manager'; cookie: string; maxAgeSeconds: number }
  | { kind: 'wrong' }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'busy' };

export class SignInService {
  constructor(
    private readonly deps: { accounts: Accounts; sessions: SessionService; audit: AuditService; limiter: AttemptGate },
  ) {}

  /** Whether the sign-in page asks for a name (USERS_FILE has accounts). */
  get hasNamedAccounts(): boolean {
    return this.deps.accounts.hasNamedAccounts;
  }

  async signIn(input: { name: string | null; password: string }, client: ClientFacts): Promise<SignInResult> {
    const { accounts, sessions, audit, limiter } = this.deps;
    const { verdict, attempt } = await limiter.reserve(client.address);
    if (!attempt) {
      await audit.record('sign_in_limited', { name: input.name, role: null }, null, client.address);
      return { kind: 'limited', retryAfterSeconds: verdict.retryAfterSeconds };
    }
    let signedIn;
    try {
      signedIn = await accounts.signIn(input.name, input.password);
    } catch (error) {
      attempt.release();
      if (error instanceof PasswordChecksBusyError) return { kind: 'busy' };
      throw error;
    }
    if (!signedIn) {
      attempt.fail();
      await audit.record('sign_in_failed', { name: input.name, role: null }, null, client.address);
      return { kind: 'wrong' };
    }
    // The session is stored before the address is forgiven: without a database there is no sign-in.
    let started;
    try {
      started = await sessions.startPerson(signedIn, client);
    } catch (error) {
      attempt.release();
      throw error;
    }
    attempt.succeed();
    await audit.record('sign_in', signedIn, null, client.address);
    return { kind: 'ok', name: signedIn.name, role: signedIn.role, cookie: started.cookie, maxAgeSeconds: started.maxAgeSeconds };
  }
}
