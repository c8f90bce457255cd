import { graphql, startTestStack, type TestStack } from '../test/harness.js';
import { as, figures, ict, mutations as m, ok, season } from '../test/year-fixture.js';

/*
 * The review's and ranking's rules of the emulation year, through the gateway,
 * each on a season of its own (Cụm 3, 2022 to 2024), and the published 2019 season.
 */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const threshold = graphql(`
  mutation ($c: ID!, $y: Int!, $p: Float!) {
    setAdoptionThreshold(clusterId: $c, year: $y, percent: $p) {
      year
    }
  }
`);
const rules = graphql(`
  mutation ($c: ID!, $y: Int!, $r: SeasonRulesInput!) {
    setSeasonRules(clusterId: $c, year: $y, rules: $r) {
      rules {
        minCoverage
        quorum
        caps {
          form
          max
        }
        fixedSince
      }
    }
  }
`);

describe('the review', () => {
  const v = { c: 'cum-3', y: 2022 };
  const head = 'vinh-phuc';

  beforeAll(() => season(t, v.c, v.y, ['vinh-phuc', 'bac-ninh', 'ha-nam'], head));

  test('an adoption threshold change after the first vote is refused; so are quorum and caps', async () => {
    const { nominate } = ok(await as(t, head, m.nominate, { ...v, p: 'bac-ninh', f: 'MINISTRY_CERTIFICATE' }));
    ok(await as(t, head, threshold, { ...v, p: 60 }));
    ok(await as(t, 'ha-nam', m.vote, { id: nominate.id, voter: 'ha-nam', approve: true }));
    const late = await as(t, head, threshold, { ...v, p: 40 });
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/first vote at \d{4}-.*threshold is fixed/);
    const quorum = await as(t, 'ministry', rules, { ...v, r: { quorum: 0.3 } });
    expect(quorum.errors?.[0].extensions?.code).toBe('CONFLICT');
    const caps = await as(t, head, rules, { ...v, r: { caps: [{ form: 'MINISTRY_EMULATION_FLAG', max: 1 }] } });
    expect(caps.errors?.[0].extensions?.code).toBe('CONFLICT');
    const stored = ok(
      await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2022) {
                adoptionThreshold {
                  percent
                }
                rules {
                  quorum
                  fixedSince
                }
              }
            }
          }
        `),
      ),
    ).cluster!.season!;
    expect(stored.adoptionThreshold!.percent).toBe(60);
    expect(stored.rules!.quorum).toBe(0.5);
    expect(stored.rules!.fixedSince).not.toBeNull();
    // The coverage rule is about fair comparison, not the vote: it may still change.
    const coverage = ok(await as(t, head, rules, { ...v, r: { minCoverage: 0.5 } }));
    expect(coverage.setSeasonRules.rules!.minCoverage).toBe(0.5);
  });

  test('consensus proposals show mode CONSENSUS with their minutes, never as votes', async () => {
    const minutes = 'Hội nghị tổng kết ngày 20/12/2022 thống nhất đề nghị tặng Cờ thi đua của Bộ cho Sở TT&TT Hà Nam';
    const adopted = ok(await as(t, head, m.consensus, { ...v, p: 'ha-nam', f: 'MINISTRY_EMULATION_FLAG', minutes }));
    expect(adopted.adoptByConsensus).toMatchObject({ mode: 'CONSENSUS', status: 'ADOPTED', minutes, votesFor: 0 });
    const voted = await as(t, head, m.consensus, { ...v, p: 'bac-ninh', f: 'MINISTRY_CERTIFICATE', minutes });
    expect(voted.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(voted.errors?.[0].message).toMatch(/Votes were cast/);
    const listed = ok(
      await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2022) {
                nominations {
                  province {
                    id
                  }
                  mode
                  withdrawn
                  minutes
                }
              }
            }
          }
        `),
      ),
    ).cluster!.season!.nominations;
    expect(listed).toContainEqual({ province: { id: 'ha-nam' }, mode: 'CONSENSUS', withdrawn: false, minutes });
    expect(listed).toContainEqual({ province: { id: 'bac-ninh' }, mode: 'VOTE', withdrawn: false, minutes: null });
  });

  test('candidates for head must be members of year + 1 once the Ministry has set them', async () => {
    await season(t, 'cum-3', 2023, ['vinh-phuc', 'bac-ninh', 'ha-nam'], 'bac-ninh');
    const outsider = await as(t, head, m.openElection, { ...v, ids: ['vinh-phuc', 'ninh-binh'] });
    expect(outsider.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'candidateIds[1]' } });
    expect(outsider.errors?.[0].message).toMatch(/not a member of cum-3 in 2023/);
  });
});

describe('fair comparison', () => {
  const v = { c: 'cum-3', y: 2023 };
  const standings = graphql(`
    {
      cluster(id: "cum-3") {
        season(year: 2023) {
          standings(ictWeight: 1, awardWeight: 0) {
            rank
            province {
              id
            }
            ictScore
            coverage
            belowMinCoverage
            note
          }
          ictRanking {
            rank
            province {
              id
            }
            coverage
            belowMinCoverage
          }
        }
      }
    }
  `);

  test('a member with coverage 0.2 ranks after every member at or above 0.6, and its row says why', async () => {
    const full = { [ict.online]: 60, [ict.edocs]: 60, [ict.portals]: 60, [ict.commune]: 60 };
    ok(await figures(t, 'vinh-phuc', v.y, { ...full, [ict.criterion8]: 70 }));
    ok(await figures(t, 'bac-ninh', v.y, { ...full, [ict.criterion8]: 60 }));
    ok(await figures(t, 'ha-nam', v.y, { [ict.criterion8]: 100 }));
    const ranked = ok(await t.query(standings)).cluster!.season!;
    expect(ranked.standings!.map((s) => s.province.id)).toEqual(['vinh-phuc', 'bac-ninh', 'ha-nam']);
    expect(ranked.standings![2]).toMatchObject({ rank: 3, ictScore: 100, coverage: 0.2, belowMinCoverage: true });
    expect(ranked.standings![2].note).toMatch(/coverage 0\.2 is below the season's minimum 0\.6/);
    expect(ranked.standings![0]).toMatchObject({ rank: 1, coverage: 0.65, belowMinCoverage: false, note: null });
    expect(ranked.ictRanking!.at(-1)).toMatchObject({ rank: 3, province: { id: 'ha-nam' }, belowMinCoverage: true });
    // The season sets its own minimum: at 0.2 the full score ranks first again.
    ok(await as(t, 'bac-ninh', rules, { ...v, r: { minCoverage: 0.2 } }));
    const relaxed = ok(await t.query(standings)).cluster!.season!.standings!;
    expect(relaxed[0]).toMatchObject({ rank: 1, province: { id: 'ha-nam' }, belowMinCoverage: false });
  });
});

describe('the head election', () => {
  const v = { c: 'cum-3', y: 2024 };
  const head = 'vinh-phuc';
  const rounds = graphql(`
    {
      cluster(id: "cum-3") {
        season(year: 2024) {
          headElection {
            round
            status
            outcome
            elected {
              id
            }
            votes
          }
          headElectionRounds {
            round
            outcome
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
      }
    }
  `);

  beforeAll(() => season(t, v.c, v.y, ['vinh-phuc', 'bac-ninh', 'ha-nam', 'ninh-binh'], head));

  test('a tie is reported, elects nobody, and needs a second round between the tied', async () => {
    ok(await as(t, head, m.openElection, { ...v, ids: ['bac-ninh', 'ha-nam'] }));
    const ministry = await as(t, 'ministry', m.voteHead, { ...v, id: 'bac-ninh' });
    expect(ministry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const outsider = await as(t, 'quang-ninh', m.voteHead, { ...v, id: 'bac-ninh' });
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const [voter, pick] of [
      ['vinh-phuc', 'bac-ninh'],
      ['bac-ninh', 'bac-ninh'],
      ['ha-nam', 'ha-nam'],
      ['ninh-binh', 'bac-ninh'],
    ]) {
      ok(await as(t, voter, m.voteHead, { ...v, id: pick }));
    }
    // A member may change its vote until the round closes; it still counts once.
    ok(await as(t, 'ninh-binh', m.voteHead, { ...v, id: 'ha-nam' }));
    const tie = ok(await as(t, head, m.closeElection, { ...v, d: null })).closeHeadElection;
    expect(tie).toMatchObject({ round: 1, outcome: 'TIE', elected: null, votes: 4 });
    expect(tie.runoff.map((p) => p.id).sort()).toEqual(['bac-ninh', 'ha-nam']);
    expect(tie.tally.map((c) => c.votes)).toEqual([2, 2]);
    const lock = await as(t, head, m.lock, v);
    expect(lock.errors?.[0].extensions?.missing).toContain(
      'round 1 of the head election elected nobody (TIE): hold a second round',
    );
    const wrong = await as(t, head, m.openElection, { ...v, ids: ['vinh-phuc'] });
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'candidateIds[0]' } });
    ok(await as(t, head, m.openElection, { ...v, ids: ['bac-ninh', 'ha-nam'] }));
    for (const [voter, pick] of [
      ['vinh-phuc', 'bac-ninh'],
      ['bac-ninh', 'bac-ninh'],
      ['ha-nam', 'ha-nam'],
      ['ninh-binh', 'bac-ninh'],
    ]) {
      ok(await as(t, voter, m.voteHead, { ...v, id: pick }));
    }
    ok(await as(t, head, m.closeElection, { ...v, d: 'ha-nam' }));
    const after = ok(await t.query(rounds)).cluster!.season!;
    expect(after.headElection).toEqual({
      round: 2,
      status: 'CLOSED',
      outcome: 'ELECTED',
      elected: { id: 'bac-ninh' },
      votes: 4,
    });
    expect(after.headElectionRounds!.map((r) => r.outcome)).toEqual(['TIE', 'ELECTED']);
    const again = await as(t, head, m.openElection, { ...v, ids: ['ha-nam'] });
    expect(again.errors?.[0].message).toMatch(/already elected "bac-ninh"/);
  });
});

describe('the published Cluster 3 review of 2019 (reference data)', () => {
  test('its three proposals are consensus decisions, its next head is Quảng Ninh, and it stays unlocked', async () => {
    const reference = ok(
      await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2019) {
                status
                results {
                  lockedAt
                }
                nominations {
                  province {
                    id
                  }
                  form
                  status
                  mode
                  minutes
                  votesFor
                  votesAgainst
                  source
                }
                headElection {
                  mode
                  outcome
                  elected {
                    id
                    name
                  }
                  minutes
                  source
                }
                next: cluster {
                  season(year: 2020) {
                    head {
                      id
                    }
                  }
                }
              }
            }
          }
        `),
      ),
    ).cluster!.season!;
    expect(reference.nominations).toHaveLength(3);
    for (const nomination of reference.nominations!) {
      expect(nomination).toMatchObject({
        status: 'ADOPTED',
        mode: 'CONSENSUS',
        source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
      });
      expect(nomination.minutes).toMatch(/thống nhất đề nghị/);
    }
    expect(reference.nominations!.map((n) => n.province.id).sort()).toEqual(['bac-ninh', 'quang-ninh', 'vinh-phuc']);
    expect(reference.headElection).toMatchObject({
      mode: 'CONSENSUS',
      outcome: 'ELECTED',
      elected: { id: 'quang-ninh', name: 'Quảng Ninh' },
    });
    expect(reference.headElection!.minutes).toMatch(/suy tôn Sở Thông tin và Truyền thông tỉnh Quảng Ninh/);
    expect(reference.next.season!.head).toEqual({ id: 'quang-ninh' });
    expect(reference.status).not.toBe('LOCKED');
    expect(reference.results).toBeNull();
  });
});
