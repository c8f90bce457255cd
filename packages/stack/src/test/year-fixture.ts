import type { GraphQLResponse, Operation } from '@thidua/kit/testing';
import { graphql } from './graphql.js';
import type { TestStack } from './harness.js';

/*
 * Building blocks for the emulation-year tests: a season with members and a
 * head, ICT figures, a small sheet, and the mutations as the API names them.
 */

/** The ICT components and their weights in "ict" (docs/metrics.md): 65 of 100 is coverage 0.65. */
export const ict = {
  criterion8: 'nrd.criterion8_communes_pct', // 20
  online: 'egov.online_procedures_l34_pct', // 15
  edocs: 'egov.edocs_provincial_pct', // 10
  portals: 'egov.commune_portals_pct', // 10
  commune: 'egov.officials_computer_commune_pct', // 10
} as const;

/** Fails the test with the errors' messages when a response has any. */
export function ok<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(response.errors.map((e) => e.message).join('\n'));
  return response.data!;
}

/** Creates a season with members, head and deputy (as the Ministry). */
export async function season(
  t: TestStack,
  clusterId: string,
  year: number,
  members: string[],
  head: string,
  deputy?: string,
): Promise<void> {
  const ministry = await t.token('ministry');
  ok(
    await t.query(
      graphql(`
        mutation ($c: ID!, $y: Int!, $m: [ID!]!) {
          setSeasonMembers(clusterId: $c, year: $y, provinceIds: $m) {
            year
          }
        }
      `),
      { variables: { c: clusterId, y: year, m: members }, token: ministry },
    ),
  );
  ok(
    await t.query(
      graphql(`
        mutation ($c: ID!, $y: Int!, $h: ID!, $d: ID) {
          electHead(clusterId: $c, year: $y, headId: $h, deputyHeadId: $d) {
            year
          }
        }
      `),
      { variables: { c: clusterId, y: year, h: head, d: deputy ?? null }, token: ministry },
    ),
  );
}

/** Records percentages for one province and year (as the Ministry). */
export async function figures(t: TestStack, provinceId: string, year: number, values: Record<string, number>) {
  const input = Object.entries(values).map(([indicator, value]) => ({ provinceId, indicator, year, value }));
  return t.query(
    graphql(`
      mutation ($input: [ObservationInput!]!) {
        recordObservations(input: $input) {
          indicator {
            code
          }
          value
          revision
        }
      }
    `),
    { variables: { input }, token: await t.token('ministry') },
  );
}

/** A small sheet: one criterion scored from criterion 8, one that needs evidence, one plain. */
export const sheet = [
  {
    code: 'I.1',
    group: 'I. Chuyển đổi số',
    title: 'Tỷ lệ xã đạt tiêu chí số 8',
    maxPoints: 10,
    indicator: ict.criterion8,
  },
  {
    code: 'I.2',
    group: 'I. Chuyển đổi số',
    title: 'Diễn tập an toàn thông tin',
    maxPoints: 6,
    evidenceRequired: true,
  },
  { code: 'II.1', group: 'II. Xây dựng cơ quan', title: 'Cải cách hành chính', maxPoints: 4 },
];

/** The year's mutations as typed documents: `as()` and `ok()` carry their result types. */
export const mutations = {
  defineSheet: graphql(`
    mutation ($c: ID!, $y: Int!, $criteria: [CriterionInput!]!, $w: StandingWeightsInput, $reason: String) {
      defineScoringSheet(clusterId: $c, year: $y, criteria: $criteria, weights: $w, reason: $reason) {
        maxTotal
        weights {
          sheet
          ict
          award
        }
        criteria {
          id
          code
          maxPoints
          evidenceRequired
          indicator {
            code
          }
        }
      }
    }
  `),
  sign: graphql(`
    mutation ($c: ID!, $y: Int!, $on: Date!, $place: String, $doc: ID) {
      signCompact(clusterId: $c, year: $y, signedOn: $on, place: $place, documentId: $doc) {
        clusterId
      }
    }
  `),
  save: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!, $items: [AssessmentItemInput!]!) {
      saveAssessment(clusterId: $c, year: $y, provinceId: $p, items: $items) {
        status
        selfTotal
      }
    }
  `),
  submit: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!) {
      submitAssessment(clusterId: $c, year: $y, provinceId: $p) {
        status
        selfTotal
        submittedAt
      }
    }
  `),
  return: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!, $reason: String!, $ids: [ID!]) {
      returnAssessment(clusterId: $c, year: $y, provinceId: $p, reason: $reason, criterionIds: $ids) {
        status
        returnReason
      }
    }
  `),
  appraise: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!, $items: [AppraisalItemInput!]!) {
      appraiseAssessment(clusterId: $c, year: $y, provinceId: $p, items: $items) {
        status
        appraisedTotal
        appraisedAt
      }
    }
  `),
  nominate: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!, $f: CommendationForm!) {
      nominate(clusterId: $c, year: $y, provinceId: $p, form: $f) {
        id
      }
    }
  `),
  vote: graphql(`
    mutation ($id: ID!, $voter: ID!, $approve: Boolean!) {
      castVote(nominationId: $id, voterProvinceId: $voter, approve: $approve) {
        votesFor
      }
    }
  `),
  close: graphql(`
    mutation ($id: ID!) {
      closeNomination(nominationId: $id) {
        status
        decisionNote
      }
    }
  `),
  consensus: graphql(`
    mutation ($c: ID!, $y: Int!, $p: ID!, $f: CommendationForm!, $minutes: String!) {
      adoptByConsensus(clusterId: $c, year: $y, provinceId: $p, form: $f, minutes: $minutes) {
        id
        mode
        status
        minutes
        votesFor
        votesAgainst
      }
    }
  `),
  openElection: graphql(`
    mutation ($c: ID!, $y: Int!, $ids: [ID!]!) {
      openHeadElection(clusterId: $c, year: $y, candidateIds: $ids) {
        round
        status
      }
    }
  `),
  voteHead: graphql(`
    mutation ($c: ID!, $y: Int!, $id: ID!) {
      voteHead(clusterId: $c, year: $y, candidateId: $id) {
        votes
      }
    }
  `),
  closeElection: graphql(`
    mutation ($c: ID!, $y: Int!, $d: ID) {
      closeHeadElection(clusterId: $c, year: $y, deputyHeadId: $d) {
        round
        status
        outcome
        votes
        elected {
          id
        }
        deputy {
          id
        }
        runoff {
          id
        }
        tally {
          candidate {
            id
          }
          votes
        }
      }
    }
  `),
  lock: graphql(`
    mutation ($c: ID!, $y: Int!) {
      lockSeason(clusterId: $c, year: $y) {
        clusterId
      }
    }
  `),
  reopen: graphql(`
    mutation ($c: ID!, $y: Int!, $reason: String!) {
      reopenSeason(clusterId: $c, year: $y, reason: $reason) {
        clusterId
      }
    }
  `),
};

/** Sends `mutation` with the province's own token; a typed document types the variables and the result. */
export async function as<TData = Record<string, any>, TVariables = Record<string, unknown>>(
  t: TestStack,
  who: string,
  query: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<GraphQLResponse<TData>> {
  const token = ['ministry', 'admin', 'viewer'].includes(who)
    ? await t.token(who as 'ministry' | 'admin' | 'viewer')
    : await t.token('province', who);
  return t.query(query, { variables, token });
}

/** Uploads a file through the gateway as `token`'s holder. */
export async function upload(
  t: TestStack,
  token: string,
  body: Buffer,
  contentType: string,
  fileName: string,
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${t.baseUrl}/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      'x-file-name': encodeURIComponent(fileName),
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

/**
 * A season taken through its whole year to the lock, as briefly as the rules
 * allow: one criterion, every member scoring and appraised (the head by its
 * deputy), one round electing the deputy, then the head's lock.
 */
export async function lockedSeason(
  t: TestStack,
  clusterId: string,
  year: number,
  members: [head: string, deputy: string, ...rest: string[]],
): Promise<void> {
  const [head, deputy] = members;
  const v = { c: clusterId, y: year };
  await season(t, clusterId, year, members, head, deputy);
  const criteria = [{ code: 'I.1', group: 'I', title: 'Tiêu chí duy nhất', maxPoints: 10 }];
  const { defineScoringSheet } = ok(await as(t, head, mutations.defineSheet, { ...v, criteria }));
  const criterionId = defineScoringSheet.criteria[0].id;
  ok(await as(t, head, mutations.sign, { ...v, on: `${year}-03-01` }));
  for (const [index, member] of members.entries()) {
    ok(await as(t, member, mutations.save, { ...v, p: member, items: [{ criterionId, selfScore: 9 - index }] }));
    ok(await as(t, member, mutations.submit, { ...v, p: member }));
    ok(await as(t, member === head ? deputy : head, mutations.appraise, { ...v, p: member, items: [] }));
  }
  ok(await as(t, head, mutations.openElection, { ...v, ids: [deputy] }));
  for (const member of members) ok(await as(t, member, mutations.voteHead, { ...v, id: deputy }));
  ok(await as(t, head, mutations.closeElection, { ...v, d: null }));
  ok(await as(t, head, mutations.lock, v));
}
