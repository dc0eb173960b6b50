import type { ClusterHealth, Coordinator, Lease } from './types';

// One instance on its own: every lease is granted, every "once" is this process's to keep, and
// nothing is published to anyone. Leases still carry fences, so the store works the same either way.

export class LocalCoordinator implements Coordinator {
  readonly mode = 'single' as const;
  private fence = 0;
  private readonly claimed = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async tryLease(): Promise<Lease> {
    const fence = ++this.fence;
    return { fence, renew: async () => true, release: async () => {} };
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    for (const [claimedKey, until] of this.claimed) if (until <= now) this.claimed.delete(claimedKey);
    if (this.claimed.has(key)) return false;
    this.claimed.set(key, now + ttlMs);
    return true;
  }

  async publishData(): Promise<boolean> {
    return true;
  }

  async readData(): Promise<null> {
    return null;
  }

  onData(): () => void {
    return () => {};
  }

  async announceSessionEnded(): Promise<void> {}

  onSessionEnded(): () => void {
    return () => {};
  }

  attempts(): null {
    return null;
  }

  health(): ClusterHealth {
    return { mode: 'single', ok: true, redis: null, problem: null, failingSinceMs: null };
  }

  async close(): Promise<void> {}
}
