import { useEffect, useId, useRef, useState } from 'react';
import { useClusterName } from '../api/clusters';
import { useQuery } from '../api/client';
import { Downloads } from '../components/downloads';
import { PageTitle } from '../components/page-title';
import { Provenance, ProvenanceSummary } from '../components/provenance';
import { SeasonFacts } from '../components/season-facts';
import { QueryView } from '../components/status';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { defaultWeights, hrefOf, Link, navigate, type Route, type Weights } from '../router';

const StandingsQuery = graphql(`
  query Standings($clusterId: ID!, $year: Int!, $nextYear: Int!, $ictWeight: Float!, $awardWeight: Float!) {
    cluster(id: $clusterId) {
      id
      name
      season(year: $year) {
        clusterId
        year
        head {
          id
          name
        }
        deputyHead {
          id
          name
        }
        members {
          id
          name
          observations(year: $year) {
            source
          }
          commendations(fromYear: $year, toYear: $year) {
            source
          }
        }
        ictRanking {
          province {
            id
          }
          score
          rank
          coverage
        }
        standings(ictWeight: $ictWeight, awardWeight: $awardWeight) {
          rank
          province {
            id
            name
          }
          ictScore
          awardScore
          points
          total
        }
      }
      next: season(year: $nextYear) {
        year
        head {
          id
          name
        }
      }
    }
  }
`);

type Season = NonNullable<NonNullable<ResultOf<typeof StandingsQuery>['cluster']>['season']>;

interface Row {
  rank: number | null;
  province: { id: string; name: string };
  ictScore: number | null;
  coverage: number | null;
  points: number | null;
  awardScore: number | null;
  total: number | null;
}

/**
 * The combined standings when the awards subgraph answered; else the members
 * by ICT index alone (or by name), so a dead subgraph leaves a useful table.
 */
function rowsOf(season: Season): Row[] {
  const ict = new Map((season.ictRanking ?? []).map((r) => [r.province.id, r]));
  if (season.standings) {
    return season.standings.map((s) => ({
      rank: s.rank,
      province: s.province,
      ictScore: s.ictScore ?? null,
      coverage: ict.get(s.province.id)?.coverage ?? null,
      points: s.points,
      awardScore: s.awardScore,
      total: s.total,
    }));
  }
  return season.members
    .map((m) => ({
      rank: ict.get(m.id)?.rank ?? null,
      province: m,
      ictScore: ict.get(m.id)?.score ?? null,
      coverage: ict.get(m.id)?.coverage ?? null,
      points: null,
      awardScore: null,
      total: null,
    }))
    .sort(
      (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.province.name.localeCompare(b.province.name, 'vi'),
    );
}

/** Two sliders; the table follows a moment after the reader stops moving them. */
function WeightsForm({ weights, onChange }: { weights: Weights; onChange(weights: Weights): void }) {
  const { t, format } = useI18n();
  const [draft, setDraft] = useState(weights);
  const ictId = useId();
  const awardId = useId();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const { ictWeight, awardWeight } = weights;
  useEffect(() => setDraft({ ictWeight, awardWeight }), [ictWeight, awardWeight]);
  useEffect(() => {
    if (draft.ictWeight === ictWeight && draft.awardWeight === awardWeight) return;
    const timer = setTimeout(() => onChangeRef.current(draft), 250);
    return () => clearTimeout(timer);
  }, [draft, ictWeight, awardWeight]);
  const set = (key: keyof Weights, value: string) =>
    setDraft((d) => ({ ...d, [key]: Math.round(Number(value) * 100) / 100 }));
  const isDefault = draft.ictWeight === defaultWeights.ictWeight && draft.awardWeight === defaultWeights.awardWeight;
  return (
    <fieldset className="weights">
      <legend>{t.weights}</legend>
      <div className="weight">
        <label htmlFor={ictId}>{t.ictWeight}</label>
        <input
          id={ictId}
          name="ictWeight"
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={draft.ictWeight}
          onChange={(event) => set('ictWeight', event.target.value)}
        />
        <output htmlFor={ictId}>{format.fixed(draft.ictWeight, 2)}</output>
      </div>
      <div className="weight">
        <label htmlFor={awardId}>{t.awardWeight}</label>
        <input
          id={awardId}
          name="awardWeight"
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={draft.awardWeight}
          onChange={(event) => set('awardWeight', event.target.value)}
        />
        <output htmlFor={awardId}>{format.fixed(draft.awardWeight, 2)}</output>
      </div>
      <button
        type="button"
        className="button button-quiet"
        disabled={isDefault}
        onClick={() => {
          // Applied at once, not after the sliders' pause: a reset must not lose to a change still on its way.
          setDraft(defaultWeights);
          onChangeRef.current(defaultWeights);
        }}
      >
        {t.resetWeights}
      </button>
      <p className="hint">{t.formula(format.fixed(draft.ictWeight, 2), format.fixed(draft.awardWeight, 2))}</p>
    </fieldset>
  );
}

function StandingsTable({ season, loading }: { season: Season; loading: boolean }) {
  const { t, format } = useI18n();
  const rows = rowsOf(season);
  const combined = season.standings !== null && season.standings !== undefined;
  // The figures and awards behind each row, by member: where its values come from.
  const sourcesOf = new Map(
    season.members.map((m) => [m.id, [...(m.observations ?? []), ...(m.commendations ?? [])].map((v) => v.source)]),
  );
  return (
    <>
      <ProvenanceSummary sources={[...sourcesOf.values()].flat()} />
      {combined ? null : <p className="notice notice-info">{season.ictRanking ? t.ictOnly : t.noStandings}</p>}
      <div className="table-scroll">
        <table className="data standings responsive" aria-busy={loading}>
          <caption>{combined ? t.standingsCaption : t.ictCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num hide-narrow">
                {t.rank}
              </th>
              <th scope="col">{t.province}</th>
              <th scope="col" className="num">
                {t.ictIndex} <span className="unit">({t.ictIndexHint})</span>
              </th>
              <th scope="col" className="num hide-narrow">
                {t.coverage}
              </th>
              <th scope="col" className="num">
                {t.commendationPoints}
              </th>
              <th scope="col" className="num">
                {t.awardScore} <span className="unit">({t.awardScoreHint})</span>
              </th>
              <th scope="col" className="num">
                {t.total}
              </th>
              <th scope="col">{t.sourceColumn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.province.id}>
                <td className="num rank hide-narrow">{row.rank ?? t.dash}</td>
                <th scope="row" className="wide">
                  <span className="show-narrow rank-inline">{row.rank ?? t.dash}.</span>
                  <Link to={{ page: 'province', provinceId: row.province.id }}>{row.province.name}</Link>
                  {season.head?.id === row.province.id ? <span className="badge">{t.head}</span> : null}
                  {season.deputyHead?.id === row.province.id ? (
                    <span className="badge badge-quiet">{t.deputyHead}</span>
                  ) : null}
                </th>
                <td className="num" data-label={t.ictIndex}>
                  {format.fixed(row.ictScore, 2)}
                </td>
                <td className="num hide-narrow" data-label={t.coverage}>
                  {format.share(row.coverage)}
                </td>
                <td className="num" data-label={t.commendationPoints}>
                  {format.number(row.points, 1)}
                </td>
                <td className="num" data-label={t.awardScore}>
                  {format.fixed(row.awardScore, 2)}
                </td>
                <td className="num total" data-label={t.total}>
                  {format.fixed(row.total, 2)}
                </td>
                <td data-label={t.sourceColumn}>
                  <Provenance sources={sourcesOf.get(row.province.id) ?? []} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Cluster × year → ranked table of members, with adjustable weights. */
export function StandingsPage({ route }: { route: Extract<Route, { page: 'standings' }> }) {
  const { t } = useI18n();
  const { clusterId, year, weights } = route;
  const state = useQuery(
    StandingsQuery,
    { clusterId, year, nextYear: year + 1, ...weights },
    { keepDataWhile: `${clusterId}/${year}` },
  );
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  const setWeights = (next: Weights) => navigate(hrefOf({ ...route, weights: next }), { replace: true });
  return (
    <>
      <PageTitle>{t.standingsTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!data.cluster || !season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          return (
            <>
              <SeasonFacts season={season} next={data.cluster.next} />
              {season.standings ? <WeightsForm weights={weights} onChange={setWeights} /> : null}
              {season.standings ? (
                <Downloads
                  table="standings"
                  query={{ cluster: clusterId, year, ictWeight: weights.ictWeight, awardWeight: weights.awardWeight }}
                  what={t.standingsCaption}
                />
              ) : null}
              <StandingsTable season={season} loading={state.loading} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
