/** Rounds to 4 decimals, the precision every number leaves the API with (docs/ranking.md). */
export function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** A readable number for messages: at most 4 decimals, no trailing zeros. */
export function showNumber(value: number): string {
  return String(round4(value));
}
