import { useI18n } from '../../i18n/i18n';
import type { AssessmentSeason } from './assessment-page';

/** A member's totals and its score per group, beside the cluster's average and best. */
export function AgainstCluster({ season, provinceId }: { season: AssessmentSeason; provinceId: string }) {
  const { t, format } = useI18n();
  const sheet = season.scoringSheet!;
  const all = season.assessments ?? [];
  const own = all.find((a) => a.province.id === provinceId);
  if (!own) return null;
  /** The appraised score once appraised, else the member's own. */
  const scoreOf = (a: (typeof all)[number], criterionId: string) => {
    const item = a.items.find((i) => i.criterion.id === criterionId);
    return (a.status === 'APPRAISED' ? item?.appraisedScore : item?.selfScore) ?? null;
  };
  const groups = [...new Set(sheet.criteria.map((c) => c.group))];
  const groupScore = (a: (typeof all)[number], group: string) =>
    sheet.criteria.filter((c) => c.group === group).reduce((sum, c) => sum + (scoreOf(a, c.id) ?? 0), 0);
  const scored = all.filter((a) => a.selfTotal !== null);
  const stats = (value: (a: (typeof all)[number]) => number) => {
    const values = scored.map(value);
    return {
      average: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
      best: values.length ? Math.max(...values) : null,
    };
  };
  const total = (a: (typeof all)[number]) => (a.status === 'APPRAISED' ? a.appraisedTotal : a.selfTotal) ?? 0;
  const rank = season.sheetRanking?.find((r) => r.province.id === provinceId)?.rank ?? null;
  const rows = [
    { label: `${t.yearPages.selfTotal} / ${t.yearPages.appraisedTotal}`, own: total(own), ...stats(total) },
    ...groups.map((group) => ({ label: group, own: groupScore(own, group), ...stats((a) => groupScore(a, group)) })),
  ];
  return (
    <section className="panel" aria-labelledby="against-title">
      <h2 id="against-title">{t.yearPages.againstCluster}</h2>
      <p>
        {t.yearPages.sheetRank}: <strong>{t.yearPages.rankOf(rank, season.members.length)}</strong>
      </p>
      <div className="table-scroll">
        <table className="data compact against responsive">
          <thead>
            <tr>
              <th scope="col">{t.yearPages.group}</th>
              <th scope="col" className="num">
                {t.yearPages.ownTotal}
              </th>
              <th scope="col" className="num">
                {t.yearPages.clusterAverage}
              </th>
              <th scope="col" className="num">
                {t.yearPages.clusterBest}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="wide">
                  {row.label}
                </th>
                <td className="num" data-label={t.yearPages.ownTotal}>
                  {format.number(row.own, 2)}
                </td>
                <td className="num" data-label={t.yearPages.clusterAverage}>
                  {format.number(row.average, 2)}
                </td>
                <td className="num" data-label={t.yearPages.clusterBest}>
                  {format.number(row.best, 2)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
