export interface BreakerOptions {
  /** Consecutive failures (unreachable, timed out, 5xx) that open the circuit. */
  failures: number;
  /** How long an open circuit answers at once before it lets one probe through. */
  resetMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * One subgraph's circuit. Closed: calls go through. After `failures`
 * consecutive failures it opens: calls fail at once, without waiting for a
 * subgraph that is down or frozen. After `resetMs` it is half-open: the next
 * call is a probe while the others keep failing at once; the probe's success
 * closes the circuit, its failure opens it for another `resetMs`.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probing = false;
  private opened = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.options.resetMs ? 'half-open' : 'open';
  }

  /**
   * Whether a call may go now. A `true` in the half-open state makes that
   * call the probe: the caller must report its outcome with
   * {@link succeeded} or {@link failed}.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.opened = false;
    this.probing = false;
  }

  failed(): void {
    this.consecutiveFailures++;
    if (this.probing || this.consecutiveFailures >= this.options.failures) {
      this.opened = true;
      this.openedAt = this.now();
    }
    this.probing = false;
  }
}
