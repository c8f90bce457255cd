import { useTestStack } from '../test/harness.js';
import { cacheYearRead, cacheYearReadVariables, yearSteps, type YearState } from '../test/cache-year-steps.js';
import { ok } from '../test/year-fixture.js';
import { responseCacheCount } from '../test/cache-metrics.js';

/*
 * The response cache and the emulation year: every step of a season's year,
 * made through the gateway, is seen at once by a read of the season that the
 * gateway had cached just before (response-cache.test.ts covers the other
 * mutations and checks that every mutation of the API has its case).
 */
const t = useTestStack();
const state: YearState = {};

const cacheCount = (outcome: 'hit' | 'miss') => responseCacheCount(t.baseUrl, outcome);
const read = async () => ok(await t.query(cacheYearRead, { variables: cacheYearReadVariables }));

describe.each(yearSteps.map((step) => [step.name, step] as const))('after %s through the gateway', (_name, step) => {
  test('a cached read of the season sees the write', async () => {
    await step.setup?.(t, state);
    const before = await read();
    const hits = await cacheCount('hit');
    expect(await read()).toEqual(before);
    expect(await cacheCount('hit')).toBe(hits + 1);

    await step.write(t, state);
    const after = await read();
    expect(after).not.toEqual(before);
    step.expectAfter(after, before, state);
  });
});
