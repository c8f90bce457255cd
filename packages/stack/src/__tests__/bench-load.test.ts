import { warmUp, type LoadResult, type WarmUp } from '../bench-load.js';

/** A run of the load that answered `count` units, as the bench's loads report it. */
function answered(count: number): LoadResult {
  return { count, rate: count, p50: 1, p99: 1, errors: 0, elapsedMs: 1000, latencies: [] };
}

/** The length of each step `warm` runs, each step answering `count` units. */
async function steps(warm: WarmUp, count: number): Promise<number[]> {
  const lengths: number[] = [];
  await warmUp(warm, async (ms) => {
    lengths.push(ms);
    return answered(count);
  });
  return lengths;
}

describe('the bench warm-up', () => {
  test('a slow case runs again until enough requests answered, each step as long as the first', async () => {
    // 800, 1,600, 2,400, 3,200: four steps of 1 s.
    expect(await steps({ ms: 1000, units: 3000, maxMs: 60_000 }, 800)).toEqual([1000, 1000, 1000, 1000]);
  });

  test('a fast case is warm after its first step', async () => {
    expect(await steps({ ms: 1000, units: 3000, maxMs: 60_000 }, 8000)).toEqual([1000]);
  });

  test('a case that answers nothing stops at the time limit', async () => {
    expect(await steps({ ms: 1000, units: 3000, maxMs: 0 }, 0)).toEqual([1000]);
  });

  test('0 requests warms up for one step only, as the bench did before', async () => {
    expect(await steps({ ms: 1000, units: 0, maxMs: 60_000 }, 10)).toEqual([1000]);
  });
});
