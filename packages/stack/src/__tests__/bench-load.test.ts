import { warmUp } from '../bench-load.js';
import type { LoadResult } from '../bench-load.js';

/** A run of the load that answered `count` units, as the bench's loads report it. */
function answered(count: number): LoadResult {
  return { count, rate: count, p50: 1, p99: 1, errors: 0, elapsedMs: 1000, latencies: [] };
}

describe('the bench warm-up', () => {
  test('a slow case runs again until enough requests answered, each step as long as the first', async () => {
    const steps: number[] = [];
    await warmUp({ ms: 1000, units: 3000, maxMs: 60_000 }, async (ms) => {
      steps.push(ms);
      return answered(800);
    });
    // 800, 1,600, 2,400, 3,200: four steps of 1 s.
    expect(steps).toEqual([1000, 1000, 1000, 1000]);
  });

  test('a fast case is warm after its first step', async () => {
    const steps: number[] = [];
    await warmUp({ ms: 1000, units: 3000, maxMs: 60_000 }, async (ms) => {
      steps.push(ms);
      return answered(8000);
    });
    expect(steps).toEqual([1000]);
  });

  test('a case that answers nothing stops at the time limit', async () => {
    let steps = 0;
    await warmUp({ ms: 1000, units: 3000, maxMs: 0 }, async () => {
      steps += 1;
      return answered(0);
    });
    expect(steps).toBe(1);
  });

  test('0 requests warms up for one step only, as the bench did before', async () => {
    let steps = 0;
    await warmUp({ ms: 1000, units: 0, maxMs: 60_000 }, async () => {
      steps += 1;
      return answered(10);
    });
    expect(steps).toBe(1);
  });
});
