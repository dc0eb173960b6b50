// Attempts that can guess a secret (sign-in, display pairing), limited per client address in a
// sliding window. An attempt is reserved *before* its password is checked and counted when the
// answer is known, so 200 guesses sent at once get the same five checks as 200 sent one by one.
//
// One address cannot lock anyone else out: its own failures only count against itself. When many
// addresses fail together (a distributed guess), the overall limit refuses only addresses that have
// failed already in the window; someone who types their password right the first time gets in.
// In memory: a restart forgives, which is fine; the limit exists to make guessing slow.

export interface LimitVerdict {
  ok: boolean;
  /** Seconds to wait before this address may try again; 0 when ok. */
  retryAfterSeconds: number;
}

export interface Attempt {
  /** The secret was right: the address's failures are forgiven. */
  succeed(): void;
  /** The secret was wrong: counts against the address (and the overall limit). */
  fail(): void;
  /** Nothing was checked after all (a malformed request): the reservation is given back. */
  release(): void;
}

export interface AttemptLimiterOptions {
  /** Failures (plus attempts still being checked) an address may have in the window. */
  perAddress: number;
  /** Failures from every address together before addresses that have failed must wait. */
  overall: number;
  windowMs: number;
  now?: () => number;
}

const SWEEP_ABOVE = 10_000;

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private overallFailures: number[] = [];
  private readonly now: () => number;

  constructor(private readonly options: AttemptLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Reserves one attempt for `address` (null = unknown: all unknown clients share one allowance). */
  reserve(address: string | null): { verdict: LimitVerdict; attempt: Attempt | null } {
    const key = address ?? 'unknown';
    const now = this.now();
    const recent = this.recent(key, now);
    const pending = this.inFlight.get(key) ?? 0;
    if (recent.length + pending >= this.options.perAddress) {
      // While only in-flight checks fill the allowance, the answer is a moment away.
      const wait = recent.length > 0 && recent.length + pending >= this.options.perAddress ? recent[0]! + this.options.windowMs - now : 1000;
      return { verdict: { ok: false, retryAfterSeconds: seconds(wait) }, attempt: null };
    }
    const overall = this.recentOverall(now);
    if (recent.length > 0 && overall.length >= this.options.overall) {
      return { verdict: { ok: false, retryAfterSeconds: seconds(overall[0]! + this.options.windowMs - now) }, attempt: null };
    }
    this.inFlight.set(key, pending + 1);
    let settled = false;
    const settle = (outcome: 'succeed' | 'fail' | 'release') => {
      if (settled) return;
      settled = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
      if (outcome === 'succeed') this.failures.delete(key);
      if (outcome === 'fail') {
        const at = this.now();
        const list = this.recent(key, at);
        list.push(at);
        this.failures.set(key, list);
        this.overallFailures = this.recentOverall(at);
        this.overallFailures.push(at);
        if (this.failures.size > SWEEP_ABOVE) this.sweep(at);
      }
    };
    return {
      verdict: { ok: true, retryAfterSeconds: 0 },
      attempt: { succeed: () => settle('succeed'), fail: () => settle('fail'), release: () => settle('release') },
    };
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private recentOverall(now: number): number[] {
    const since = now - this.options.windowMs;
    return this.overallFailures.filter((at) => at > since);
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A limiter as the sign-in and pairing services use it: in this process, or shared by every instance. */
export interface AttemptGate {
  reserve(address: string | null): { verdict: LimitVerdict; attempt: Attempt | null } | Promise<{ verdict: LimitVerdict; attempt: Attempt | null }>;
}

/** The shared half of a limiter: failed attempts counted in Redis (lib/cluster). */
export interface SharedAttempts {
  reserve(address: string, limits: { perAddress: number; overall: number; windowMs: number; nowMs: number }): Promise<{ ok: boolean; retryAfterMs: number }>;
  settle(address: string, outcome: 'succeed' | 'fail' | 'release', nowMs: number, windowMs: number): Promise<void>;
}

/**
 * The same rules, counted across instances: a guesser spreading attempts over every instance behind
 * the load balancer gets the same five. While the shared counters cannot be reached, this instance
 * counts by itself (`fallback`), so sign-in never depends on Redis.
 */
export class SharedAttemptLimiter implements AttemptGate {
  private readonly now: () => number;

  constructor(
    private readonly shared: SharedAttempts,
    private readonly fallback: AttemptLimiter,
    private readonly options: Omit<AttemptLimiterOptions, 'now'> & { now?: () => number },
  ) {
    this.now = options.now ?? Date.now;
  }

  async reserve(address: string | null): Promise<{ verdict: LimitVerdict; attempt: Attempt | null }> {
    const key = address ?? 'unknown';
    const { perAddress, overall, windowMs } = this.options;
    let answer: { ok: boolean; retryAfterMs: number };
    try {
      answer = await this.shared.reserve(key, { perAddress, overall, windowMs, nowMs: this.now() });
    } catch {
      return this.fallback.reserve(address);
    }
    if (!answer.ok) return { verdict: { ok: false, retryAfterSeconds: seconds(answer.retryAfterMs) }, attempt: null };
    let settled = false;
    const settle = (outcome: 'succeed' | 'fail' | 'release') => {
      if (settled) return;
      settled = true;
      void this.shared.settle(key, outcome, this.now(), windowMs).catch(() => undefined);
    };
    return {
      verdict: { ok: true, retryAfterSeconds: 0 },
      attempt: { succeed: () => settle('succeed'), fail: () => settle('fail'), release: () => settle('release') },
    };
  }
}
