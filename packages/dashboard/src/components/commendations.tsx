import { useI18n } from '../i18n/i18n';
import { Provenance } from './provenance';

/** A commendation as the province page reads it. */
export interface CommendationRow {
  id: string;
  form: string;
  year: number;
  recipientKind: string;
  recipientName: string;
  /** Who issued it, as the decision names it (the ministry of its date). */
  issuer?: string | null;
  decision?: string | null;
  citation?: string | null;
  source?: string | null;
  points: number;
  yearApproximate: boolean;
  periodFrom?: number | null;
  periodTo?: number | null;
}

/** A province's named commendations, newest first, each with its source. */
export function Commendations({ commendations }: { commendations: readonly CommendationRow[] }) {
  const { t, format } = useI18n();
  if (commendations.length === 0) return <p>{t.noCommendations}</p>;
  const sorted = [...commendations].sort((a, b) => b.year - a.year);
  return (
    <div className="table-scroll">
      <table className="data responsive">
        <caption className="sr-only">{t.commendations}</caption>
        <thead>
          <tr>
            <th scope="col">{t.year}</th>
            <th scope="col">{t.form}</th>
            <th scope="col">{t.recipient}</th>
            <th scope="col">{t.decision}</th>
            <th scope="col" className="num">
              {t.points}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr key={c.id}>
              <td data-label={t.year}>
                {c.yearApproximate && c.periodFrom != null && c.periodTo != null
                  ? `${c.periodFrom}–${c.periodTo}`
                  : c.year}
              </td>
              <td className="wide" data-label={t.form}>
                {t.forms[c.form] ?? c.form}
                {c.issuer ? <div className="hint">{c.issuer}</div> : null}
              </td>
              <td className="wide" data-label={t.recipient}>
                {c.recipientName} <span className="unit">({t.recipientKinds[c.recipientKind] ?? c.recipientKind})</span>
                {c.citation ? <div className="hint">{c.citation}</div> : null}
                {c.source ? <Provenance sources={[c.source]} /> : null}
              </td>
              <td data-label={t.decision}>{c.decision ?? t.dash}</td>
              <td className="num" data-label={t.points}>
                {format.number(c.points, 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
