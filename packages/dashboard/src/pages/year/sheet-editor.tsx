import { useState } from 'react';
import { useMutation } from '../../api/mutate';
import { ActionError, ReadOnlyNote, type SeasonRights } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { YearSeason } from './year-page';

const DefineSheet = graphql(`
  mutation DefineSheet(
    $clusterId: ID!
    $year: Int!
    $criteria: [CriterionInput!]!
    $weights: StandingWeightsInput
    $reason: String
  ) {
    defineScoringSheet(clusterId: $clusterId, year: $year, criteria: $criteria, weights: $weights, reason: $reason) {
      revision
    }
  }
`);

interface Row {
  code: string;
  group: string;
  title: string;
  maxPoints: string;
  indicator: string;
  evidenceRequired: boolean;
}

type Criteria = NonNullable<YearSeason['scoringSheet']>['criteria'];

const rowsOf = (criteria: Criteria): Row[] =>
  criteria.map((c) => ({
    code: c.code,
    group: c.group,
    title: c.title,
    maxPoints: String(c.maxPoints),
    indicator: c.indicator?.code ?? '',
    evidenceRequired: c.evidenceRequired,
  }));

/** The sheet read-only, grouped; the head or the Ministry edits it in place. */
export function SheetPanel({ season, rights, onDone }: { season: YearSeason; rights: SeasonRights; onDone(): void }) {
  const { t, format } = useI18n();
  const [editing, setEditing] = useState(false);
  const sheet = season.scoringSheet;
  const groups = [...new Set(sheet?.criteria.map((c) => c.group) ?? [])];
  return (
    <section className="panel" aria-labelledby="sheet-title">
      <h2 id="sheet-title">{t.yearPages.sheet}</h2>
      {editing ? (
        <SheetEditor season={season} onClose={() => setEditing(false)} onDone={onDone} />
      ) : sheet ? (
        <>
          <div className="table-scroll">
            <table className="data compact sheet responsive">
              <caption>{t.yearPages.maxTotal(format.number(sheet.maxTotal, 2))}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.yearPages.code}</th>
                  <th scope="col">{t.yearPages.criterion}</th>
                  <th scope="col" className="num">
                    {t.yearPages.maxPoints}
                  </th>
                  <th scope="col">{t.yearPages.indicator}</th>
                </tr>
              </thead>
              {groups.map((group) => (
                <tbody key={group}>
                  <tr className="group">
                    <th colSpan={4} scope="rowgroup">
                      {group}
                    </th>
                  </tr>
                  {sheet.criteria
                    .filter((c) => c.group === group)
                    .map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{c.code}</th>
                        <td className="wide" data-label={t.yearPages.criterion}>
                          {c.title}
                          {c.evidenceRequired ? (
                            <span className="badge badge-quiet">{t.yearPages.evidenceRequired}</span>
                          ) : null}
                        </td>
                        <td className="num" data-label={t.yearPages.maxPoints}>
                          {format.number(c.maxPoints, 2)}
                        </td>
                        <td data-label={t.yearPages.indicator}>{c.indicator?.name ?? c.indicator?.code ?? t.dash}</td>
                      </tr>
                    ))}
                </tbody>
              ))}
            </table>
          </div>
          <p className="hint">{t.yearPages.indicatorRule}</p>
          <p>
            {t.yearPages.weights}: {t.yearPages.weightSheet} {format.number(sheet.weights.sheet, 2)} ·{' '}
            {t.yearPages.weightIct} {format.number(sheet.weights.ict, 2)} · {t.yearPages.weightAward}{' '}
            {format.number(sheet.weights.award, 2)}
          </p>
        </>
      ) : (
        <p className="hint">{t.yearPages.noSheet}</p>
      )}
      {!editing && rights.manages ? (
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {t.yearPages.editSheet}
        </button>
      ) : null}
      {!rights.manages && !rights.locked ? <ReadOnlyNote /> : null}
    </section>
  );
}

function SheetEditor({ season, onClose, onDone }: { season: YearSeason; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const sheet = season.scoringSheet;
  const [rows, setRows] = useState<Row[]>(() => (sheet ? rowsOf(sheet.criteria) : []));
  const [weights, setWeights] = useState(() => sheet?.weights ?? { sheet: 0.4, ict: 0.4, award: 0.2 });
  const [reason, setReason] = useState('');
  const define = useMutation(DefineSheet);
  const submitted = (season.assessments ?? []).some((a) => a.submittedAt);
  const change = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async () => {
    const done = await define.run({
      clusterId: season.clusterId,
      year: season.year,
      criteria: rows.map((r) => ({
        code: r.code,
        group: r.group,
        title: r.title,
        maxPoints: Number(r.maxPoints),
        indicator: r.indicator.trim() || null,
        evidenceRequired: r.evidenceRequired,
      })),
      weights,
      reason: reason.trim() || null,
    });
    if (done) {
      onClose();
      onDone();
    }
  };
  const cell = (index: number, field: 'code' | 'group' | 'title' | 'maxPoints' | 'indicator', label: string) => (
    <input
      aria-label={`${label} ${index + 1}`}
      value={rows[index][field]}
      inputMode={field === 'maxPoints' ? 'decimal' : undefined}
      onChange={(e) => change(index, { [field]: e.target.value })}
    />
  );
  return (
    <form
      className="sheet-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">{t.yearPages.code}</th>
              <th scope="col">{t.yearPages.group}</th>
              <th scope="col">{t.yearPages.criterion}</th>
              <th scope="col">{t.yearPages.maxPoints}</th>
              <th scope="col">{t.yearPages.indicator}</th>
              <th scope="col">{t.yearPages.evidenceRequired}</th>
              <th scope="col">
                <span className="sr-only">{t.yearPages.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>{cell(index, 'code', t.yearPages.code)}</td>
                <td>{cell(index, 'group', t.yearPages.group)}</td>
                <td>{cell(index, 'title', t.yearPages.criterion)}</td>
                <td>{cell(index, 'maxPoints', t.yearPages.maxPoints)}</td>
                <td>{cell(index, 'indicator', t.yearPages.indicator)}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t.yearPages.evidenceRequired} ${index + 1}`}
                    checked={row.evidenceRequired}
                    onChange={(e) => change(index, { evidenceRequired: e.target.checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                  >
                    {t.yearPages.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          setRows((current) => [
            ...current,
            {
              code: '',
              group: current.at(-1)?.group ?? '',
              title: '',
              maxPoints: '1',
              indicator: '',
              evidenceRequired: false,
            },
          ])
        }
      >
        {t.yearPages.addCriterion}
      </button>
      <fieldset className="form-grid">
        <legend>{t.yearPages.weights}</legend>
        {(['sheet', 'ict', 'award'] as const).map((part) => (
          <label key={part} className="field">
            {t.yearPages[part === 'sheet' ? 'weightSheet' : part === 'ict' ? 'weightIct' : 'weightAward']}
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={weights[part]}
              onChange={(e) => setWeights((w) => ({ ...w, [part]: Number(e.target.value) }))}
            />
          </label>
        ))}
      </fieldset>
      {submitted ? (
        <label className="field field-wide">
          {t.yearPages.reason}
          <span className="hint">{t.yearPages.reasonNeeded}</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={define.busy}>
          {t.yearPages.save}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t.yearPages.cancel}
        </button>
      </div>
      <ActionError error={define.error} />
    </form>
  );
}
