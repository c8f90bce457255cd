/*
 * How a nomination put to the vote is decided, apart from storage: the
 * quorum, then the adoption threshold. Caps are checked against the season's
 * adopted proposals by the operation that would adopt.
 */

/** Whether enough members voted: more than quorum × members, or every member. */
export function quorumMet(cast: number, members: number, quorum: number): boolean {
  if (members > 0 && cast >= members) return true;
  // Compared in millionths so that 0.5 × 9 never rounds its way into a decision.
  return cast * 1_000_000 > Math.round(quorum * 1_000_000) * members;
}

/** The smallest number of votes cast that meets the quorum. */
export function quorumNeeded(members: number, quorum: number): number {
  for (let cast = 0; cast <= members; cast += 1) if (quorumMet(cast, members, quorum)) return cast;
  return members;
}

export interface VoteCount {
  votesFor: number;
  votesAgainst: number;
  members: number;
  quorum: number;
  /** The season's adoption threshold in force. */
  isAdopted(votesFor: number, members: number): boolean;
}

export interface Decision {
  adopted: boolean;
  /** Why, when the quorum decided rather than the votes. */
  note: string | null;
}

/** A nomination is adopted when the quorum voted and the votes for meet the threshold. */
export function decideByVote(count: VoteCount): Decision {
  const cast = count.votesFor + count.votesAgainst;
  if (!quorumMet(cast, count.members, count.quorum)) {
    return {
      adopted: false,
      note:
        `No quorum: ${cast} of ${count.members} members voted; ` +
        `${quorumNeeded(count.members, count.quorum)} were needed (quorum ${count.quorum})`,
    };
  }
  return { adopted: count.isAdopted(count.votesFor, count.members), note: null };
}
