import { useQuery } from '../api/client';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/messages';
import { LineChart, type ChartPoint, type ComparisonPoint } from './line-chart';
import { Provenance } from './provenance';
import { formatValue } from './scale';

/**
 * Each season's indicator means with its members, so the page keeps the
 * seasons the province sat in. The same request for every province page, and
 * one statement in metrics however many seasons there are.
 */
const ClusterAveragesQuery = graphql(`
  query ClusterAverages {
    clusters {
      id
      seasons {
        year
        members {
          id
        }
        indicatorAverages {
          indicator {
            code
          }
          average
          reporting
          memberCount
          synthetic
        }
      }
    }
  }
`);

/** What a chart needs of an observation (the province page's query asks for more). */
export interface TrendObservation {
  year: number;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  source?: string | null;
  derived: boolean;
  derivedFrom?: readonly { name: string }[] | null;
  indicator: { code: string; name: string; unit: string; scaleMax?: number | null; pillar: string };
}

interface Average extends ComparisonPoint {
  reporting: number;
  memberCount: number;
  synthetic: number;
}

interface Series {
  indicator: TrendObservation['indicator'];
  points: (ChartPoint & { observation: TrendObservation })[];
}

function seriesOf(observations: readonly TrendObservation[]): Series[] {
  const byCode = new Map<string, Series>();
  for (const observation of observations) {
    const series = byCode.get(observation.indicator.code) ?? { indicator: observation.indicator, points: [] };
    series.points.push({ year: observation.year, value: observation.value, derived: observation.derived, observation });
    byCode.set(observation.indicator.code, series);
  }
  for (const series of byCode.values()) series.points.sort((a, b) => a.year - b.year);
  return [...byCode.values()].sort(
    (a, b) =>
      a.indicator.pillar.localeCompare(b.indicator.pillar, 'vi') || a.indicator.code.localeCompare(b.indicator.code),
  );
}

/**
 * A chart's title and its unit, said once: a unit the indicator's name ends
 * with ("… (km)") comes out of the name; otherwise the unit of its kind.
 */
export function titleAndUnit(indicator: { name: string; unit: string }, t: Messages): { title: string; unit: string } {
  // A unit of measure, such as "km" or "m²": lower case and short, unlike "(DTI)" or "(Thông tin và Truyền thông)".
  const named = /^(.*\S)\s*\(([a-z²³/]{1,6})\)$/.exec(indicator.name);
  if (named && indicator.unit === 'SCORE') return { title: named[1], unit: named[2] };
  return { title: indicator.name, unit: t.units[indicator.unit] ?? indicator.unit };
}

/** The province's cluster means by indicator code, then year, over the seasons it was a member of. */
function useClusterAverages(provinceId: string, t: Messages): Map<string, Map<number, Average>> {
  const state = useQuery(ClusterAveragesQuery, {});
  const byCode = new Map<string, Map<number, Average>>();
  for (const cluster of state.data?.clusters ?? []) {
    for (const season of cluster.seasons) {
      if (!season.members.some((m) => m.id === provinceId)) continue;
      for (const a of season.indicatorAverages ?? []) {
        const byYear = byCode.get(a.indicator.code) ?? new Map<number, Average>();
        byYear.set(season.year, {
          year: season.year,
          value: a.average,
          reporting: a.reporting,
          memberCount: a.memberCount,
          synthetic: a.synthetic,
          note: t.averageCoverage(a.reporting, a.memberCount),
        });
        byCode.set(a.indicator.code, byYear);
      }
    }
  }
  return byCode;
}

function AverageCell({ average, show }: { average?: Average; show(value: number): string }) {
  const { t } = useI18n();
  if (!average) return <td className="num">{t.dash}</td>;
  return (
    <td className="num">
      {show(average.value)} <span className="unit">({t.averageCoverage(average.reporting, average.memberCount)})</span>
      {average.synthetic > 0 ? (
        <span className="marker-demo">
          {' '}
          {t.syntheticMark} <span className="unit">({t.syntheticShare(average.synthetic, average.reporting)})</span>
        </span>
      ) : null}
    </td>
  );
}

/** One chart per indicator over the years, each beside the mean of the province's cluster. */
export function Trends({
  provinceId,
  provinceName,
  observations,
}: {
  provinceId: string;
  provinceName: string;
  observations: readonly TrendObservation[];
}) {
  const { t, format } = useI18n();
  const averages = useClusterAverages(provinceId, t);
  const series = seriesOf(observations);
  if (series.length === 0) return <p>{t.noObservations}</p>;
  const anyDerived = observations.some((o) => o.derived);
  const pillars = new Map<string, Series[]>();
  for (const s of series) pillars.set(s.indicator.pillar, [...(pillars.get(s.indicator.pillar) ?? []), s]);
  return (
    <>
      {anyDerived ? (
        <p className="hint">
          <span className="derived-key" aria-hidden="true" /> {t.derivedLegend}
        </p>
      ) : null}
      {averages.size > 0 ? <p className="hint">{t.clusterAverageNote}</p> : null}
      {[...pillars].map(([pillar, group]) => (
        <section key={pillar} className="pillar">
          <h3>{pillar}</h3>
          <div className="charts">
            {group.map(({ indicator, points }) => {
              const show = (value: number) => formatValue(indicator, value, format);
              const { title, unit } = titleAndUnit(indicator, t);
              const byYear = averages.get(indicator.code);
              const comparison = byYear ? [...byYear.values()].sort((a, b) => a.year - b.year) : [];
              return (
                <figure key={indicator.code} className="chart-card" data-indicator={indicator.code}>
                  <figcaption>
                    <span className="chart-title">{title}</span> <span className="unit chart-unit">({unit})</span>
                  </figcaption>
                  <LineChart
                    label={t.chartText(title, unit, points.length)}
                    points={points}
                    comparison={comparison.length ? { label: t.clusterAverage, points: comparison } : undefined}
                    formatValue={show}
                    formatTick={(value) => format.number(value, 2)}
                    suggestedMax={indicator.scaleMax ?? undefined}
                    derivedLabel={t.derived}
                  />
                  <ul className="chart-legend">
                    <li>
                      <span className="legend-key legend-own" aria-hidden="true" />
                      {provinceName}
                    </li>
                    {comparison.length ? (
                      <li>
                        <span className="legend-key legend-average" aria-hidden="true" />
                        {t.clusterAverage}
                      </li>
                    ) : null}
                  </ul>
                  <details>
                    <summary>{t.showTable}</summary>
                    <table className="data compact">
                      <thead>
                        <tr>
                          <th scope="col">{t.year}</th>
                          <th scope="col" className="num">
                            {t.value}
                          </th>
                          <th scope="col" className="num">
                            {t.ratio}
                          </th>
                          <th scope="col">{t.source}</th>
                          {comparison.length ? (
                            <th scope="col" className="num">
                              {t.clusterAverage}
                            </th>
                          ) : null}
                        </tr>
                      </thead>
                      <tbody>
                        {points.map(({ year, observation }) => (
                          <tr key={year}>
                            <td>{year}</td>
                            <td className="num">
                              {show(observation.value)}
                              {observation.derived ? <span className="badge badge-derived">{t.derived}</span> : null}
                            </td>
                            <td className="num">
                              {observation.numerator != null && observation.denominator != null
                                ? `${format.number(observation.numerator, 2)} / ${format.number(observation.denominator, 2)}`
                                : t.dash}
                            </td>
                            <td className="source">
                              {observation.derivedFrom?.length ? (
                                t.derivedFrom(observation.derivedFrom.map((p) => p.name).join(', '))
                              ) : (
                                <Provenance sources={[observation.source]} />
                              )}
                            </td>
                            {comparison.length ? <AverageCell average={byYear?.get(year)} show={show} /> : null}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                </figure>
              );
            })}
          </div>
        </section>
      ))}
    </>
  );
}
