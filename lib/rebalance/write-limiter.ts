// Writes to wamm.chat at a steady pace: at most `perSecond` calls in any second, the rest waiting
// their turn. A burst of 100 moves reaches the customer's account over 20 s, not all at once.

export class WriteLimiter {
  private nextFreeMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the next write may go. */
  async take(): Promise<void> {
    const gap = 1000 / this.perSecond;
    const now = this.now();
    const at = Math.max(now, this.nextFreeMs);
    this.nextFreeMs = at + gap;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
