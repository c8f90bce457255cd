import { HeadElectionOutcome } from './head-election.entity.js';

export interface CandidateVotes {
  candidateId: string;
  votes: number;
}

export interface RoundResult {
  outcome: HeadElectionOutcome;
  elected: string | null;
  /** Who goes to a second round (empty when someone was elected). */
  runoff: string[];
  tally: CandidateVotes[];
  cast: number;
}

/** Votes per candidate, most first; candidates keep their listed order among equals. */
export function tallyOf(candidates: readonly string[], ballots: readonly string[]): CandidateVotes[] {
  return candidates
    .map((candidateId, index) => ({ candidateId, votes: ballots.filter((b) => b === candidateId).length, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map(({ candidateId, votes }) => ({ candidateId, votes }));
}

/**
 * A round's result: more than half of the votes cast elects. Otherwise the
 * round ends without a head: a tie at the top sends the tied candidates to a
 * second round; a leader without a majority goes there with the runners-up.
 */
export function decideRound(candidates: readonly string[], ballots: readonly string[]): RoundResult {
  const tally = tallyOf(candidates, ballots);
  const cast = ballots.length;
  const top = tally[0]?.votes ?? 0;
  const leaders = tally.filter((t) => t.votes === top).map((t) => t.candidateId);
  if (leaders.length === 1 && top * 2 > cast) {
    return { outcome: HeadElectionOutcome.ELECTED, elected: leaders[0], runoff: [], tally, cast };
  }
  if (leaders.length > 1) return { outcome: HeadElectionOutcome.TIE, elected: null, runoff: leaders, tally, cast };
  const second = tally[1]?.votes ?? 0;
  const runnersUp = tally.filter((t) => t.votes === second && t.candidateId !== leaders[0]).map((t) => t.candidateId);
  return { outcome: HeadElectionOutcome.NO_MAJORITY, elected: null, runoff: [...leaders, ...runnersUp], tally, cast };
}
