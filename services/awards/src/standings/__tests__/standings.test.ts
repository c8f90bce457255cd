import { checkWeights, computeStandings, round4 } from '../standings.js';

const standings = (points: Record<string, number>, ict: Record<string, number>, ictWeight = 0.7, awardWeight = 0.3) =>
  computeStandings({
    memberIds: Object.keys(points),
    ictScores: new Map(Object.entries(ict)),
    points: new Map(Object.entries(points)),
    ictWeight,
    awardWeight,
  }).map((s) => [s.rank, s.province.id, s.total]);

describe('computeStandings', () => {
  test('ranks with ties sharing a rank and the next rank skipped (1, 2, 2, 4)', () => {
    expect(standings({ a: 10, b: 5, c: 5, d: 0 }, {}, 0, 1)).toEqual([
      [1, 'a', 100],
      [2, 'b', 50],
      [2, 'c', 50],
      [4, 'd', 0],
    ]);
  });

  test('equal points normalise to 0 for everyone', () => {
    expect(standings({ a: 3, b: 3 }, { a: 40, b: 80 })).toEqual([
      [1, 'b', 56],
      [2, 'a', 28],
    ]);
  });

  test('totals that differ only past the fourth decimal share a rank', () => {
    // 0.1 + 0.2 style noise must not split a tie.
    const rows = computeStandings({
      memberIds: ['a', 'b'],
      ictScores: new Map([
        ['a', 0.1 + 0.2],
        ['b', 0.3],
      ]),
      points: new Map(),
      ictWeight: 1,
      awardWeight: 0,
    });
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
  });

  test('a member without an ICT score counts 0 and shows null', () => {
    const [first, second] = computeStandings({
      memberIds: ['a', 'b'],
      ictScores: new Map([['a', 50]]),
      points: new Map([['b', 1]]),
      ictWeight: 0.7,
      awardWeight: 0.3,
    });
    expect(first).toMatchObject({ province: { id: 'a' }, ictScore: 50, awardScore: 0, total: 35 });
    expect(second).toMatchObject({ province: { id: 'b' }, ictScore: null, awardScore: 100, total: 30 });
  });

  test('no members, no standings', () => {
    expect(standings({}, {})).toEqual([]);
  });
});

describe('checkWeights and round4', () => {
  test('weights must be ≥ 0 and not both 0', () => {
    expect(() => checkWeights(0.7, 0.3)).not.toThrow();
    expect(() => checkWeights(0, 2)).not.toThrow();
    expect(() => checkWeights(-1, 1)).toThrow(/ictWeight: -1/);
    expect(() => checkWeights(1, Number.NaN)).toThrow(/awardWeight/);
    expect(() => checkWeights(0, 0)).toThrow(/must not both be 0/);
  });

  test('rounds to 4 decimals', () => {
    expect(round4(100 / 7)).toBe(14.2857);
    expect(round4(50.57142857)).toBe(50.5714);
  });
});

describe('the season’s minimum ICT coverage', () => {
  const rows = (minCoverage: number | null, ictWeight = 1) =>
    computeStandings({
      memberIds: ['full', 'partial', 'sparse', 'none'],
      ictScores: new Map([
        ['full', 60],
        ['partial', 70],
        ['sparse', 100],
      ]),
      coverages: new Map([
        ['full', 1],
        ['partial', 0.6],
        ['sparse', 0.2],
      ]),
      points: new Map([['none', 10]]),
      ictWeight,
      awardWeight: 1 - ictWeight,
      minCoverage,
    }).map((s) => [s.rank, s.province.id, s.belowMinCoverage]);

  test('members below it rank after every member at or above it, ranked among themselves', () => {
    expect(rows(0.6)).toEqual([
      [1, 'partial', false],
      [2, 'full', false],
      [3, 'sparse', true],
      [4, 'none', true],
    ]);
  });

  test('without the rule, or when the ICT part does not count, totals alone decide', () => {
    expect(rows(null).map((r) => r[1])).toEqual(['sparse', 'partial', 'full', 'none']);
    expect(rows(0.6, 0).map((r) => r[1])).toEqual(['none', 'full', 'partial', 'sparse']);
  });

  test('the row says why', () => {
    const sparse = computeStandings({
      memberIds: ['a'],
      ictScores: new Map([['a', 100]]),
      coverages: new Map([['a', 0.2]]),
      points: new Map(),
      ictWeight: 1,
      awardWeight: 0,
      minCoverage: 0.6,
    })[0];
    expect(sparse.note).toBe(
      "ICT coverage 0.2 is below the season's minimum 0.6: ranked after every member at or above it",
    );
  });

  test('the sheet is a third part, with its own weight', () => {
    const [first] = computeStandings({
      memberIds: ['a', 'b'],
      ictScores: new Map([
        ['a', 50],
        ['b', 50],
      ]),
      points: new Map(),
      sheetScores: new Map([['b', 90]]),
      ictWeight: 0.5,
      awardWeight: 0,
      sheetWeight: 0.5,
    });
    expect(first).toMatchObject({ province: { id: 'b' }, total: 70, sheetScore: 90 });
  });
});
