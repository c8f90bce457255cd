import { departsFromRule, rankSheet, ruleScore, sheetScore, totalOf } from '../scoring.js';

describe('the indicator rule: maxPoints × normalised score / 100, two decimals', () => {
  test.each([
    [10, 80, 8],
    [6, 91.6, 5.5],
    [4, 100, 4],
    [3, 0, 0],
    [5, 33.333, 1.67],
    [5, null, null],
  ])('max %d, score %p → %p', (max, score, points) => {
    expect(ruleScore(max, score)).toBe(points);
  });

  test.each([
    [7.5, 7, true],
    [7, 7, false],
    [7.004, 7, false],
    [3, null, false],
  ])('appraised %d against the rule %p departs from it: %s', (score, rule, departs) => {
    expect(departsFromRule(score, rule)).toBe(departs);
  });
});

describe('totals and the sheet ranking', () => {
  test('a total sums the scores given; none given is null', () => {
    expect(totalOf([1.25, null, 2.5])).toBe(3.75);
    expect(totalOf([null, null])).toBeNull();
  });

  test('by appraised total, ties sharing a rank, members not appraised last with rank null', () => {
    const ranked = rankSheet([
      { provinceId: 'a', selfTotal: 90, appraisedTotal: 85 },
      { provinceId: 'b', selfTotal: 95, appraisedTotal: null },
      { provinceId: 'c', selfTotal: 88, appraisedTotal: 88 },
      { provinceId: 'd', selfTotal: 86, appraisedTotal: 85 },
    ]);
    expect(ranked.map((r) => [r.provinceId, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', null],
    ]);
  });

  test('the sheet part of the standings is the appraised total as a share of the maximum', () => {
    expect(sheetScore(85, 100)).toBe(85);
    expect(sheetScore(17, 20)).toBe(85);
    expect(sheetScore(null, 100)).toBeNull();
  });
});
