import { statementCount } from '@thidua/kit';
import { clusterThree2019, errorCodes, graphql, useTestStack } from '../test/harness.js';

/*
 * The cluster review through the gateway, where the awards subgraph asks the
 * provinces subgraph for the real season (its head and members). The rule
 * tables of nominate, castVote, closeNomination and setAdoptionThreshold on
 * given seasons are subgraph tests: services/awards/src/nomination/__tests__.
 */

const t = useTestStack();

const nominate = graphql(`
  mutation Nominate($clusterId: ID!, $year: Int!, $provinceId: ID!, $form: CommendationForm!) {
    nominate(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form) {
      id
      form
      status
      votesFor
      votesAgainst
      province {
        id
      }
      season {
        clusterId
        year
      }
    }
  }
`);
const vote = graphql(`
  mutation Vote($id: ID!, $voter: ID!, $approve: Boolean!) {
    castVote(nominationId: $id, voterProvinceId: $voter, approve: $approve) {
      status
      votesFor
      votesAgainst
    }
  }
`);
const close = graphql(`
  mutation Close($id: ID!) {
    closeNomination(nominationId: $id) {
      status
      votesFor
      votesAgainst
      membersAtClose
      votesNeeded
      closedBy
    }
  }
`);

/** Vĩnh Phúc, head of Cluster 3 in 2019, proposes a member. */
async function propose(provinceId: string, year = 2019, head = 'vinh-phuc'): Promise<string> {
  const response = await t.query(nominate, {
    variables: { clusterId: 'cum-3', year, provinceId, form: 'MINISTRY_CERTIFICATE' },
    token: await t.token('province', head),
  });
  expect(response.errors).toBeUndefined();
  return response.data!.nominate.id;
}

async function votes(id: string, voters: readonly string[], approve: boolean): Promise<void> {
  for (const voter of voters) {
    const response = await t.query(vote, {
      variables: { id, voter, approve },
      token: await t.token('province', voter),
    });
    expect(response.errors).toBeUndefined();
  }
}

test('Cluster 3’s 2019 proposals are recorded as adopted, with their source and no invented votes', async () => {
  const response = await t.query(
    graphql(`
      {
        c3: cluster(id: "cum-3") {
          season(year: 2019) {
            nominations {
              province {
                id
              }
              form
              status
              votesFor
              votesAgainst
              source
              note
            }
          }
        }
        c1: cluster(id: "cum-1") {
          season(year: 2022) {
            nominations {
              source
            }
          }
        }
        c8: cluster(id: "cum-8") {
          season(year: 2021) {
            nominations {
              province {
                id
              }
              form
              status
            }
          }
        }
      }
    `),
  );
  expect(response.errors).toBeUndefined();
  // Other tests here add nominations to this season: the published ones are those with a source.
  const seeded = response.data!.c3!.season!.nominations!.filter((n) => n.source);
  expect(seeded.map((n) => [n.province.id, n.form, n.status])).toEqual([
    ['quang-ninh', 'MINISTRY_EMULATION_FLAG', 'ADOPTED'],
    ['bac-ninh', 'MINISTRY_CERTIFICATE', 'ADOPTED'],
    ['vinh-phuc', 'MINISTRY_CERTIFICATE', 'ADOPTED'],
  ]);
  expect(seeded[0]).toMatchObject({
    votesFor: 0,
    votesAgainst: 0,
    source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
  });
  expect(seeded[0].note).toContain('2019-12-13');
  expect(response.data!.c1!.season!.nominations).toHaveLength(3);
  expect(response.data!.c8!.season!.nominations).toEqual([
    { province: { id: 'long-an' }, form: 'MINISTRY_EMULATION_FLAG', status: 'ADOPTED' },
  ]);
});

test('the real season decides: its head nominates, only members, only seasons that exist; no token is UNAUTHENTICATED', async () => {
  const variables = {
    clusterId: 'cum-3',
    year: 2019,
    provinceId: 'hung-yen',
    form: 'MINISTRY_EMULATION_FLAG',
  } as const;
  const anonymous = await t.query(nominate, { variables });
  expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  const notHead = await t.query(nominate, { variables, token: await t.token('province', 'bac-ninh') });
  expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
  expect(notHead.errors![0].message).toContain('vinh-phuc');
  const outsider = await t.query(nominate, {
    variables: { ...variables, provinceId: 'ha-noi' },
    token: await t.token('province', 'vinh-phuc'),
  });
  expect(errorCodes(outsider)).toEqual(['BAD_USER_INPUT']);
  expect(outsider.errors![0].message).toMatch(/provinceId: "ha-noi" is not a member of cum-3 in 2019/);
  const noSeason = await t.query(nominate, { variables: { ...variables, year: 2010 }, token: await t.token('admin') });
  expect(errorCodes(noSeason)).toEqual(['BAD_USER_INPUT']);
  expect(noSeason.errors![0].message).toMatch(/year: 2010 has no season of cluster "cum-3"/);

  const byMinistry = await t.query(nominate, { variables, token: await t.token('ministry') });
  expect(byMinistry.errors).toBeUndefined();
  expect(byMinistry.data!.nominate).toMatchObject({
    status: 'OPEN',
    votesFor: 0,
    province: { id: 'hung-yen' },
    season: { clusterId: 'cum-3', year: 2019 },
  });
});

test('with 9 members, 5 votes for adopt and 4 do not', async () => {
  const adopted = await propose('hai-duong');
  await votes(adopted, clusterThree2019.slice(0, 5), true);
  await votes(adopted, clusterThree2019.slice(5, 7), false);
  const closedAdopted = await t.query(close, {
    variables: { id: adopted },
    token: await t.token('province', 'vinh-phuc'),
  });
  expect(closedAdopted.errors).toBeUndefined();
  expect(closedAdopted.data!.closeNomination).toEqual({
    status: 'ADOPTED',
    votesFor: 5,
    votesAgainst: 2,
    membersAtClose: 9,
    votesNeeded: 5,
    closedBy: 'test-province-vinh-phuc',
  });

  const rejected = await propose('nam-dinh');
  await votes(rejected, clusterThree2019.slice(0, 4), true);
  await votes(rejected, clusterThree2019.slice(4, 9), false);
  const closedRejected = await t.query(close, { variables: { id: rejected }, token: await t.token('ministry') });
  expect(closedRejected.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 4, votesAgainst: 5 });
});

test('votes are stored with their voter province; an outsider takes no vote; a closed nomination takes none', async () => {
  const id = await propose('thai-binh');
  await votes(id, ['ha-nam'], true);
  const outsider = await t.query(vote, {
    variables: { id, voter: 'ha-noi', approve: true },
    token: await t.token('province', 'ha-noi'),
  });
  expect(errorCodes(outsider)).toEqual(['FORBIDDEN']);
  expect(outsider.errors![0].message).toContain('not a member');
  const closed = await t.query(close, { variables: { id }, token: await t.token('admin') });
  expect(closed.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 1, votesAgainst: 0 });
  const late = await t.query(vote, {
    variables: { id, voter: 'nam-dinh', approve: true },
    token: await t.token('province', 'nam-dinh'),
  });
  expect(errorCodes(late)).toEqual(['CONFLICT']);
  expect(late.errors![0].message).toMatch(/closed \(REJECTED\)/);

  const stored = await t.query(
    graphql(`
      {
        cluster(id: "cum-3") {
          season(year: 2019) {
            nominations {
              id
              votesFor
              votesAgainst
              votes {
                voter {
                  id
                  name
                }
                approve
                castBy
              }
            }
          }
        }
      }
    `),
  );
  expect(stored.data!.cluster!.season!.nominations!.find((n) => n.id === id)).toEqual({
    id,
    votesFor: 1,
    votesAgainst: 0,
    votes: [{ voter: { id: 'ha-nam', name: 'Hà Nam' }, approve: true, castBy: 'test-province-ha-nam' }],
  });
});

test('a season’s threshold is set by its real head, with history, and decides later closes', async () => {
  const setThreshold = graphql(`
    mutation SetThreshold($percent: Float!, $inclusive: Boolean) {
      setAdoptionThreshold(clusterId: "cum-3", year: 2020, percent: $percent, inclusive: $inclusive) {
        adoptionThreshold {
          percent
          inclusive
          description
          actor
        }
        adoptionThresholdHistory {
          revision
          percent
          inclusive
          actor
        }
      }
    }
  `);
  const before = await t.query(
    graphql(`
      {
        cluster(id: "cum-3") {
          season(year: 2020) {
            adoptionThreshold {
              percent
              inclusive
              description
              revision
            }
          }
        }
      }
    `),
  );
  expect(before.data!.cluster!.season!.adoptionThreshold).toEqual({
    percent: 50,
    inclusive: false,
    description: 'more than 50% of the members',
    revision: 0,
  });
  // Vĩnh Phúc headed 2019; Quảng Ninh heads 2020.
  const notHead = await t.query(setThreshold, {
    variables: { percent: 66 },
    token: await t.token('province', 'vinh-phuc'),
  });
  expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
  expect(notHead.errors![0].message).toContain('quang-ninh');

  const set = await t.query(setThreshold, {
    variables: { percent: 70, inclusive: true },
    token: await t.token('province', 'quang-ninh'),
  });
  expect(set.errors).toBeUndefined();
  expect(set.data!.setAdoptionThreshold.adoptionThreshold).toEqual({
    percent: 70,
    inclusive: true,
    description: 'at least 70% of the members',
    actor: 'test-province-quang-ninh',
  });
  const changed = await t.query(setThreshold, { variables: { percent: 60 }, token: await t.token('ministry') });
  expect(changed.data!.setAdoptionThreshold.adoptionThresholdHistory).toEqual([
    { revision: 1, percent: 70, inclusive: true, actor: 'test-province-quang-ninh' },
    { revision: 2, percent: 60, inclusive: false, actor: 'test-ministry' },
  ]);

  // More than 60 % of 9 members is 6 votes: 5 are not enough in 2020, though they are in 2019.
  const id = await propose('ninh-binh', 2020, 'quang-ninh');
  await votes(id, clusterThree2019.slice(0, 5), true);
  const closed = await t.query(close, { variables: { id }, token: await t.token('province', 'quang-ninh') });
  expect(closed.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 5, votesNeeded: 6 });
});

test('nominations of many seasons take one statement each for nominations and votes', async () => {
  const before = statementCount(t.stack.subgraphs.awards.dataSource);
  const response = await t.query(
    graphql(`
      {
        clusters {
          seasons {
            year
            nominations {
              form
              status
              votesFor
              votes {
                approve
              }
            }
          }
        }
      }
    `),
  );
  const used = statementCount(t.stack.subgraphs.awards.dataSource) - before;
  expect(response.errors).toBeUndefined();
  expect(response.data!.clusters.flatMap((c) => c.seasons).length).toBeGreaterThan(4);
  expect(used).toBeLessThanOrEqual(2);
});
