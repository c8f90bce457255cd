import { stableHash } from '@thidua/kit';

/** A small deterministic generator (mulberry32), so every start makes the same demo values. */
export class Prng {
  private state: number;

  constructor(seed: string) {
    this.state = stableHash(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A whole number in [low, high]. */
  int(low: number, high: number): number {
    return Math.floor(this.between(low, high + 1));
  }
}
