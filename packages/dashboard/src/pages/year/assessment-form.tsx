import { useState } from 'react';
import { uploadFile } from '../../api/files';
import { useMutation } from '../../api/mutate';
import { ActionError, FileButton, ReadOnlyNote, seasonRights } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { AssessmentSeason } from './assessment-page';

const SaveAssessment = graphql(`
  mutation SaveAssessment($clusterId: ID!, $year: Int!, $provinceId: ID!, $items: [AssessmentItemInput!]!) {
    saveAssessment(clusterId: $clusterId, year: $year, provinceId: $provinceId, items: $items) {
      status
    }
  }
`);

const SubmitAssessment = graphql(`
  mutation SubmitAssessment($clusterId: ID!, $year: Int!, $provinceId: ID!) {
    submitAssessment(clusterId: $clusterId, year: $year, provinceId: $provinceId) {
      status
    }
  }
`);

interface Draft {
  selfScore: string;
  note: string;
  evidence: { id: string; fileName: string; url: string }[];
}

/** The member's own sheet: scores, notes and evidence per criterion; save, then submit to the head. */
export function AssessmentForm({
  season,
  provinceId,
  onDone,
}: {
  season: AssessmentSeason;
  provinceId: string;
  onDone(): void;
}) {
  const { t, format, language } = useI18n();
  /** A stored score as the reader types it (decimal comma in Vietnamese). */
  const typed = (score: number | null | undefined) =>
    score == null ? '' : language === 'vi' ? String(score).replace('.', ',') : String(score);
  const assessment = season.assessment!;
  const sheet = season.scoringSheet!;
  const rights = seasonRights(season);
  const editable =
    rights.member === provinceId &&
    !rights.locked &&
    (assessment.status === 'DRAFT' || assessment.status === 'RETURNED');
  const itemOf = (criterionId: string) => assessment.items.find((i) => i.criterion.id === criterionId);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      sheet.criteria.map((c) => {
        const item = itemOf(c.id);
        return [
          c.id,
          {
            selfScore: typed(item?.selfScore),
            note: item?.note ?? '',
            evidence: item?.evidence ?? [],
          },
        ];
      }),
    ),
  );
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(SaveAssessment);
  const submit = useMutation(SubmitAssessment);
  const key = { clusterId: season.clusterId, year: season.year, provinceId };
  const change = (criterionId: string, patch: Partial<Draft>) => {
    setSaved(false);
    setDrafts((current) => ({ ...current, [criterionId]: { ...current[criterionId], ...patch } }));
  };
  const attach = async (criterionId: string, file: File | undefined) => {
    if (!file) return;
    setUploading(criterionId);
    setUploadError(null);
    try {
      const uploaded = await uploadFile(file);
      change(criterionId, { evidence: [...drafts[criterionId].evidence, { ...uploaded, fileName: file.name }] });
    } catch (error) {
      setUploadError((error as Error).message);
    } finally {
      setUploading(null);
    }
  };
  const items = () =>
    sheet.criteria.map((c) => {
      const draft = drafts[c.id];
      return {
        criterionId: c.id,
        selfScore: draft.selfScore.trim() === '' ? null : Number(draft.selfScore.replace(',', '.')),
        note: draft.note.trim() || null,
        evidenceIds: draft.evidence.map((e) => e.id),
      };
    });
  const onSave = async () => {
    if (await save.run({ ...key, items: items() })) {
      setSaved(true);
      onDone();
    }
  };
  const onSubmit = async () => {
    if (!(await save.run({ ...key, items: items() }))) return;
    if (await submit.run(key)) onDone();
  };
  const groups = [...new Set(sheet.criteria.map((c) => c.group))];
  return (
    <section className="panel" aria-labelledby="assessment-title">
      <h2 id="assessment-title">
        {t.yearPages.status}:{' '}
        <span className={`status-badge assessment-${assessment.status.toLowerCase()}`}>
          {t.yearPages.assessmentStatuses[assessment.status]}
        </span>
      </h2>
      {assessment.status === 'RETURNED' && assessment.returnReason ? (
        <p className="notice notice-warning" role="status">
          {t.yearPages.returnedBanner(assessment.returnReason)}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data compact assessment responsive">
          <caption>
            {t.yearPages.selfTotal}: {format.number(assessment.selfTotal, 2)} / {format.number(sheet.maxTotal, 2)}
            {assessment.appraisedTotal != null
              ? ` · ${t.yearPages.appraisedTotal}: ${format.number(assessment.appraisedTotal, 2)}`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.yearPages.criterion}</th>
              <th scope="col" className="num">
                {t.yearPages.maxPoints}
              </th>
              <th scope="col" className="num">
                {t.yearPages.ruleScore}
              </th>
              <th scope="col">{t.yearPages.selfScore}</th>
              <th scope="col" className="num">
                {t.yearPages.appraisedScore}
              </th>
              <th scope="col">{t.yearPages.evidence}</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr className="group">
                <th colSpan={6} scope="rowgroup">
                  {group}
                </th>
              </tr>
              {sheet.criteria
                .filter((c) => c.group === group)
                .map((c) => {
                  const item = itemOf(c.id);
                  const draft = drafts[c.id];
                  return (
                    <tr key={c.id} className={item?.returned ? 'row-returned' : undefined} data-code={c.code}>
                      <th scope="row" className="wide">
                        {c.code}. {c.title}
                        {item?.returned ? <span className="badge badge-warn">{t.yearPages.returnedItem}</span> : null}
                        {c.evidenceRequired ? (
                          <span className="badge badge-quiet">{t.yearPages.evidenceRequired}</span>
                        ) : null}
                        {item?.appraisalNote ? <div className="hint">{item.appraisalNote}</div> : null}
                      </th>
                      <td className="num" data-label={t.yearPages.maxPoints}>
                        {format.number(c.maxPoints, 2)}
                      </td>
                      <td className="num" data-label={t.yearPages.ruleScore}>
                        {c.indicator ? format.number(item?.ruleScore, 2) : ''}
                      </td>
                      <td data-label={t.yearPages.selfScore}>
                        {editable ? (
                          <>
                            <input
                              className="score"
                              inputMode="decimal"
                              aria-label={`${t.yearPages.selfScore} ${c.code}`}
                              value={draft.selfScore}
                              placeholder={c.indicator ? format.number(item?.ruleScore, 2) : ''}
                              onChange={(e) => change(c.id, { selfScore: e.target.value })}
                            />
                            <input
                              className="note"
                              aria-label={`${t.yearPages.note} ${c.code}`}
                              placeholder={t.yearPages.note}
                              value={draft.note}
                              onChange={(e) => change(c.id, { note: e.target.value })}
                            />
                          </>
                        ) : (
                          <>
                            {format.number(item?.selfScore, 2)}
                            {item?.note ? <div className="hint">{item.note}</div> : null}
                          </>
                        )}
                      </td>
                      <td className="num" data-label={t.yearPages.appraisedScore}>
                        {format.number(item?.appraisedScore, 2)}
                      </td>
                      <td className="wide" data-label={t.yearPages.evidence}>
                        {draft.evidence.map((file) => (
                          <FileButton key={file.id} file={file} />
                        ))}
                        {editable ? (
                          <label className="attach">
                            {uploading === c.id ? t.yearPages.uploading : t.yearPages.attach}
                            <input
                              type="file"
                              aria-label={`${t.yearPages.attach} ${c.code}`}
                              onChange={(e) => void attach(c.id, e.target.files?.[0])}
                            />
                          </label>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      </div>
      {uploadError ? (
        <p className="notice notice-error" role="alert">
          {uploadError}
        </p>
      ) : null}
      {editable ? (
        <div className="form-actions">
          <button type="button" className="button" disabled={save.busy} onClick={() => void onSave()}>
            {t.yearPages.save}
          </button>
          <button type="button" className="button" disabled={save.busy || submit.busy} onClick={() => void onSubmit()}>
            {t.yearPages.submit}
          </button>
          {saved ? <span role="status">{t.yearPages.saved}</span> : null}
        </div>
      ) : rights.member !== provinceId && !rights.locked ? (
        <ReadOnlyNote />
      ) : null}
      <ActionError error={save.error ?? submit.error} />
    </section>
  );
}
