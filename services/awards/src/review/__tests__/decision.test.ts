import { decideByVote, quorumMet, quorumNeeded } from '../decision.js';

const moreThanHalf = (votes: number, members: number) => votes * 100 > 50 * members;

describe('quorum: more than quorum × members vote, or all of them', () => {
  test.each([
    [9, 0.5, 4, false],
    [9, 0.5, 5, true],
    [4, 0.5, 2, false],
    [4, 0.5, 3, true],
    [4, 1, 3, false],
    [4, 1, 4, true],
    [3, 0.66, 2, true],
    [3, 2 / 3, 2, false],
    [10, 0.3, 4, true],
  ])('%i members, quorum %d: %i voting meets it: %s', (members, quorum, cast, met) => {
    expect(quorumMet(cast, members, quorum)).toBe(met);
  });

  test.each([
    [9, 0.5, 5],
    [4, 0.5, 3],
    [4, 1, 4],
    [12, 0.75, 10],
  ])('%i members, quorum %d: %i votes needed', (members, quorum, needed) => {
    expect(quorumNeeded(members, quorum)).toBe(needed);
  });
});

describe('a nomination put to the vote', () => {
  test.each([
    ['quorum and a majority for adopt', 5, 0, true, null],
    ['a majority against rejects', 1, 4, false, null],
    ['no quorum rejects and says why', 3, 1, false, 'No quorum: 4 of 9 members voted; 5 were needed (quorum 0.5)'],
  ])('%s', (_rule, votesFor, votesAgainst, adopted, note) => {
    expect(decideByVote({ votesFor, votesAgainst, members: 9, quorum: 0.5, isAdopted: moreThanHalf })).toEqual({
      adopted,
      note,
    });
  });
});
