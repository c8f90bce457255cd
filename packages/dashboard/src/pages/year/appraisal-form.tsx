import { useState } from 'react';
import { currentViewer, isNational } from '../../api/auth';
import { useMutation } from '../../api/mutate';
import { ActionError, FileButton, ReadOnlyNote } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { AppraisalSeason } from './appraisal-page';

const ReturnAssessment = graphql(`
  mutation ReturnAssessment($clusterId: ID!, $year: Int!, $provinceId: ID!, $reason: String!, $criterionIds: [ID!]) {
    returnAssessment(
      clusterId: $clusterId
      year: $year
      provinceId: $provinceId
      reason: $reason
      criterionIds: $criterionIds
    ) {
      status
    }
  }
`);

const AppraiseAssessment = graphql(`
  mutation AppraiseAssessment($clusterId: ID!, $year: Int!, $provinceId: ID!, $items: [AppraisalItemInput!]!) {
    appraiseAssessment(clusterId: $clusterId, year: $year, provinceId: $provinceId, items: $items) {
      status
    }
  }
`);

type Assessment = NonNullable<AppraisalSeason['assessments']>[number];

/** Who appraises this member: the head, or for the head's own the deputy; the Ministry always. */
function mayAppraise(season: AppraisalSeason, provinceId: string): boolean {
  const viewer = currentViewer();
  if (season.status === 'LOCKED') return false;
  if (isNational(viewer)) return true;
  const appraiser = provinceId === season.head?.id ? season.deputyHead?.id : season.head?.id;
  return viewer?.role === 'province' && viewer.province === appraiser;
}

/** One member's items: self against the rule and the appraised score; return with a reason, or appraise. */
export function AppraisalForm({
  season,
  assessment,
  onDone,
}: {
  season: AppraisalSeason;
  assessment: Assessment;
  onDone(): void;
}) {
  const { t, format } = useI18n();
  const sheet = season.scoringSheet!;
  const provinceId = assessment.province.id;
  const itemOf = (id: string) => assessment.items.find((i) => i.criterion.id === id);
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      sheet.criteria.map((c) => {
        const item = itemOf(c.id);
        return [c.id, String(item?.appraisedScore ?? item?.ruleScore ?? item?.selfScore ?? '')];
      }),
    ),
  );
  const [notes, setNotes] = useState<Record<string, string>>(() =>
    Object.fromEntries(sheet.criteria.map((c) => [c.id, itemOf(c.id)?.appraisalNote ?? ''])),
  );
  const [reason, setReason] = useState('');
  const [flagged, setFlagged] = useState<Set<string>>(new Set());
  const returning = useMutation(ReturnAssessment);
  const appraising = useMutation(AppraiseAssessment);
  const acts = mayAppraise(season, provinceId) && ['SUBMITTED', 'APPRAISED'].includes(assessment.status);
  const key = { clusterId: season.clusterId, year: season.year, provinceId };
  const appraise = async () => {
    const items = sheet.criteria.map((c) => ({
      criterionId: c.id,
      appraisedScore: Number(scores[c.id].replace(',', '.')),
      note: notes[c.id].trim() || null,
    }));
    if (await appraising.run({ ...key, items })) onDone();
  };
  const sendBack = async () => {
    if (await returning.run({ ...key, reason, criterionIds: [...flagged] })) onDone();
  };
  return (
    <section className="panel" aria-labelledby="appraisal-member">
      <h2 id="appraisal-member">
        {assessment.province.name}: {t.yearPages.assessmentStatuses[assessment.status]}
      </h2>
      <div className="table-scroll">
        <table className="data compact appraisal-items responsive">
          <thead>
            <tr>
              <th scope="col">{t.yearPages.criterion}</th>
              <th scope="col" className="num">
                {t.yearPages.maxPoints}
              </th>
              <th scope="col" className="num">
                {t.yearPages.selfScore}
              </th>
              <th scope="col" className="num">
                {t.yearPages.ruleScore}
              </th>
              <th scope="col">{t.yearPages.appraisedScore}</th>
              <th scope="col">{t.yearPages.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.criteria.map((c) => {
              const item = itemOf(c.id);
              const value = Number((scores[c.id] ?? '').replace(',', '.'));
              const departs = item?.ruleScore != null && Math.abs(value - item.ruleScore) > 0.005;
              return (
                <tr key={c.id} className={item?.returned ? 'row-returned' : undefined} data-code={c.code}>
                  <th scope="row" className="wide">
                    {c.code}. {c.title}
                    {item?.returned ? <span className="badge badge-warn">{t.yearPages.returnedItem}</span> : null}
                    {item?.note ? <div className="hint">{item.note}</div> : null}
                  </th>
                  <td className="num" data-label={t.yearPages.maxPoints}>
                    {format.number(c.maxPoints, 2)}
                  </td>
                  <td className="num" data-label={t.yearPages.selfScore}>
                    {format.number(item?.selfScore, 2)}
                  </td>
                  <td className="num" data-label={t.yearPages.ruleScore}>
                    {c.indicator ? format.number(item?.ruleScore, 2) : ''}
                  </td>
                  <td data-label={t.yearPages.appraisedScore}>
                    {acts ? (
                      <>
                        <input
                          className="score"
                          inputMode="decimal"
                          aria-label={`${t.yearPages.appraisedScore} ${c.code}`}
                          value={scores[c.id]}
                          onChange={(e) => setScores((s) => ({ ...s, [c.id]: e.target.value }))}
                        />
                        <input
                          className="note"
                          aria-label={`${t.yearPages.appraisalNote} ${c.code}`}
                          placeholder={t.yearPages.appraisalNote}
                          value={notes[c.id]}
                          onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))}
                        />
                        {departs && !notes[c.id].trim() ? (
                          <div className="hint">{t.yearPages.departsFromRule}</div>
                        ) : null}
                        <label className="toggle">
                          <input
                            type="checkbox"
                            checked={flagged.has(c.id)}
                            onChange={(e) =>
                              setFlagged((current) => {
                                const next = new Set(current);
                                if (e.target.checked) next.add(c.id);
                                else next.delete(c.id);
                                return next;
                              })
                            }
                          />
                          {t.yearPages.returnItems}
                        </label>
                      </>
                    ) : (
                      <>
                        {format.number(item?.appraisedScore, 2)}
                        {item?.appraisalNote ? <div className="hint">{item.appraisalNote}</div> : null}
                      </>
                    )}
                  </td>
                  <td className="wide" data-label={t.yearPages.evidence}>
                    {item?.evidence.map((file) => (
                      <FileButton key={file.id} file={file} />
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {acts ? (
        <div className="form-grid">
          <div className="form-actions">
            <button type="button" className="button" disabled={appraising.busy} onClick={() => void appraise()}>
              {t.yearPages.appraise}
            </button>
          </div>
          {assessment.status === 'SUBMITTED' ? (
            <form
              className="return-form"
              onSubmit={(event) => {
                event.preventDefault();
                void sendBack();
              }}
            >
              <label className="field field-wide">
                {t.yearPages.returnReason}
                <textarea required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" className="button button-quiet" disabled={returning.busy}>
                {t.yearPages.returnAction}
              </button>
            </form>
          ) : null}
        </div>
      ) : (
        <ReadOnlyNote />
      )}
      <ActionError error={appraising.error ?? returning.error} />
    </section>
  );
}
