import { HeadElectionOutcome } from '../head-election.entity.js';
import { decideRound } from '../tally.js';

describe('a round of the head election: more than half of the votes cast elects', () => {
  test.each<[string, string[], string[], HeadElectionOutcome, string | null, string[]]>([
    ['a clear majority', ['a', 'b'], ['a', 'a', 'a', 'b'], HeadElectionOutcome.ELECTED, 'a', []],
    ['a tie between two', ['a', 'b'], ['a', 'b', 'a', 'b'], HeadElectionOutcome.TIE, null, ['a', 'b']],
    ['a three-way tie', ['a', 'b', 'c'], ['a', 'b', 'c'], HeadElectionOutcome.TIE, null, ['a', 'b', 'c']],
    [
      'a leader without a majority goes on with the runner-up',
      ['a', 'b', 'c'],
      ['a', 'a', 'b', 'c', 'c', 'a', 'b', 'a', 'b'],
      HeadElectionOutcome.NO_MAJORITY,
      null,
      ['a', 'b'],
    ],
    [
      'exactly half is not a majority',
      ['a', 'b', 'c'],
      ['a', 'a', 'b', 'c'],
      HeadElectionOutcome.NO_MAJORITY,
      null,
      ['a', 'b', 'c'],
    ],
    ['one candidate, one vote', ['a'], ['a'], HeadElectionOutcome.ELECTED, 'a', []],
  ])('%s', (_case, candidates, ballots, outcome, elected, runoff) => {
    const result = decideRound(candidates, ballots);
    expect(result).toMatchObject({ outcome, elected, runoff, cast: ballots.length });
  });

  test('the tally lists every candidate, most votes first', () => {
    expect(decideRound(['a', 'b', 'c'], ['c', 'c', 'a']).tally).toEqual([
      { candidateId: 'c', votes: 2 },
      { candidateId: 'a', votes: 1 },
      { candidateId: 'b', votes: 0 },
    ]);
  });
});
