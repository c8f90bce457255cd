import { referenceData } from '@thidua/kit/reference';
import { silentLogger } from '@thidua/kit';
import { metricsSubgraph } from '@thidua/metrics';
import { graphql, useTestStack } from '../test/harness.js';

const t = useTestStack({ demo: true });

describe('demo data (npm start)', () => {
  test('published figures are stored as stated with their source; synthetic values say so', async () => {
    const response = await t.query(
      graphql(`
        {
          haTinh: observations(provinceId: "ha-tinh", year: 2019) {
            indicator {
              code
            }
            value
            numerator
            denominator
            source
            revision
          }
          cluster3: observations(indicator: "nrd.criterion8_communes_pct", year: 2019) {
            province {
              id
            }
            value
            source
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const haTinh = response.data!.haTinh;
    expect(haTinh.find((o) => o.indicator.code === 'egov.commune_portals_pct')).toEqual({
      indicator: { code: 'egov.commune_portals_pct' },
      value: 84.3511,
      numerator: 221,
      denominator: 262,
      source: 'Báo cáo của Sở TT&TT Hà Tĩnh',
      revision: 1,
    });
    expect(haTinh.find((o) => o.indicator.code === 'post.service_radius_km')).toMatchObject({ value: 2.36 });
    const byProvince = new Map(response.data!.cluster3.map((o) => [o.province.id, o]));
    expect(byProvince.get('ha-nam')).toMatchObject({
      value: 100,
      source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
    });
    expect(byProvince.get('ninh-binh')).toMatchObject({
      value: 91.6,
      source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
    });
    expect(byProvince.get('hai-duong')).toMatchObject({
      value: 78.6,
      source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
    });
    expect(byProvince.get('bac-ninh')).toMatchObject({ source: 'demo: synthetic' });
    for (const observation of byProvince.values()) {
      expect(['demo: synthetic', 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019']).toContain(observation.source);
    }
  });

  test('cluster seasons have something to show: rankings of Cluster 3 (2015–2024) and the 2022 DTI of Cluster 1', async () => {
    const response = await t.query(
      graphql(`
        {
          c3: cluster(id: "cum-3") {
            seasons {
              year
              ictRanking {
                province {
                  id
                }
                score
                rank
                coverage
              }
              indicatorRanking(indicator: "nrd.criterion8_communes_pct") {
                province {
                  id
                }
                value
                rank
              }
            }
          }
          c1: cluster(id: "cum-1") {
            season(year: 2022) {
              indexRanking(index: "dti") {
                province {
                  id
                }
                score
                rank
                coverage
              }
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const seasons = response.data!.c3!.seasons;
    for (const season of seasons.filter((s) => s.year <= 2024)) {
      expect(season.ictRanking).toHaveLength(9);
      expect(season.ictRanking!.every((s) => s.coverage === 1)).toBe(true);
      expect(season.indicatorRanking!.every((r) => r.rank !== null)).toBe(true);
    }
    const y2019 = seasons.find((s) => s.year === 2019)!.indicatorRanking!;
    expect(y2019.find((r) => r.province.id === 'hai-duong')!.value).toBe(78.6);
    const dti = response.data!.c1!.season!.indexRanking!;
    expect(dti).toHaveLength(5);
    expect(dti.find((s) => s.province.id === 'da-nang')!.score).toBeCloseTo(80.02, 2);
  });

  test('a merged unit shows derived history where every predecessor has numerator and denominator', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "ninh-binh-2025") {
            observations(year: 2019) {
              indicator {
                code
              }
              value
              numerator
              denominator
              derived
              revision
              derivedFrom {
                id
              }
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const observations = response.data!.province!.observations!;
    const portals = observations.find((o) => o.indicator.code === 'egov.commune_portals_pct')!;
    expect(portals).toMatchObject({ derived: true, revision: 0 });
    expect(portals.value).toBeCloseTo((100 * portals.numerator!) / portals.denominator!, 3);
    expect(portals.derivedFrom!.map((p) => p.id).sort()).toEqual(['ha-nam', 'nam-dinh', 'ninh-binh']);
    // Hà Nam's and Ninh Bình's published criterion-8 shares have no counts: no honest sum exists.
    expect(observations.map((o) => o.indicator.code)).not.toContain('nrd.criterion8_communes_pct');
    // Scores without numerator and denominator (the DTI, radii, counts) are not derived either.
    expect(observations.every((o) => o.derived && o.denominator !== null)).toBe(true);
  });

  test('seeding again adds nothing', async () => {
    const db = t.stack.subgraphs.metrics.dataSource;
    const count = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM observation)::int AS observations,
                (SELECT count(*) FROM observation_revision)::int AS revisions,
                (SELECT count(*) FROM indicator)::int AS indicators,
                (SELECT count(*) FROM index_component)::int AS components,
                (SELECT count(*) FROM definition_revision)::int AS definitions`,
        )
      )[0];
    const before = await count();
    expect(before.observations).toBeGreaterThan(4000);
    expect(before.revisions).toBe(before.observations);
    await metricsSubgraph.seed!(db, { demo: true, logger: silentLogger, reference: referenceData() });
    expect(await count()).toEqual(before);
  });
});
