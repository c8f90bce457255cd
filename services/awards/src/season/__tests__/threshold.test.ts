import { AdoptionThreshold, defaultAdoptionThreshold } from '../threshold.entity.js';

const rule = (percent: number, inclusive: boolean) => Object.assign(new AdoptionThreshold(), { percent, inclusive });

describe('adoption thresholds', () => {
  test('the default is more than half: 5 of 9, 3 of 4, 4 of 6', () => {
    const byDefault = defaultAdoptionThreshold('cum-3', 2019);
    expect(byDefault.description).toBe('more than 50% of the members');
    expect(byDefault.isMet(5, 9)).toBe(true);
    expect(byDefault.isMet(4, 9)).toBe(false);
    expect([byDefault.votesNeeded(9), byDefault.votesNeeded(4), byDefault.votesNeeded(6)]).toEqual([5, 3, 4]);
  });

  test('inclusive means "at least"', () => {
    expect(rule(70, true).votesNeeded(10)).toBe(7);
    expect(rule(70, false).votesNeeded(10)).toBe(8);
    expect(rule(100, true).votesNeeded(9)).toBe(9);
    expect(rule(100 * (2 / 3), true).votesNeeded(9)).toBe(6);
  });
});
