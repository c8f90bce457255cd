import { useI18n } from '../i18n/i18n';
import { Provenance } from './provenance';

/** A tally as the province page reads it. */
export interface TallyRow {
  form: string;
  recipientKind: string;
  count: number;
  periodFrom: number;
  periodTo: number;
  year?: number | null;
  citation?: string | null;
  source: string;
}

/**
 * Awards a report gives only as counts ("2 tập thể, 8 cá nhân"), one line per
 * form and period: the collectives and individuals of a form side by side.
 */
export function Tallies({ tallies }: { tallies: readonly TallyRow[] }) {
  const { t } = useI18n();
  if (tallies.length === 0) return null;
  const groups = new Map<
    string,
    { form: string; years: string; collectives: number; individuals: number; source: string; citation: string | null }
  >();
  for (const tally of tallies) {
    const years = tally.year != null ? String(tally.year) : `${tally.periodFrom}–${tally.periodTo}`;
    const key = `${tally.form}|${years}`;
    const group = groups.get(key) ?? {
      form: tally.form,
      years,
      collectives: 0,
      individuals: 0,
      source: tally.source,
      citation: tally.citation ?? null,
    };
    if (tally.recipientKind === 'INDIVIDUAL') group.individuals += tally.count;
    else group.collectives += tally.count;
    groups.set(key, group);
  }
  return (
    <div className="table-scroll">
      <table className="data responsive tallies">
        <caption>{t.talliesTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.year}</th>
            <th scope="col">{t.form}</th>
            <th scope="col">{t.recipient}</th>
          </tr>
        </thead>
        <tbody>
          {[...groups.values()].map((g) => (
            <tr key={`${g.form}|${g.years}`}>
              <td data-label={t.year}>{g.years}</td>
              <td className="wide" data-label={t.form}>
                {t.forms[g.form as keyof typeof t.forms] ?? g.form}
                {g.citation ? <div className="hint">{g.citation}</div> : null}
              </td>
              <td className="wide" data-label={t.recipient}>
                <span className="tally-counts">{t.tallyCounts(g.collectives, g.individuals)}</span>
                <Provenance sources={[g.source]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
