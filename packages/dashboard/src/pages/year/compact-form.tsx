import { useId, useState } from 'react';
import { uploadFile } from '../../api/files';
import { useMutation } from '../../api/mutate';
import { ActionError } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { YearSeason } from './year-page';

const SignCompact = graphql(`
  mutation SignCompact($clusterId: ID!, $year: Int!, $signedOn: Date!, $place: String, $documentId: ID) {
    signCompact(clusterId: $clusterId, year: $year, signedOn: $signedOn, place: $place, documentId: $documentId) {
      clusterId
    }
  }
`);

/** Records the signing: the date, the place and the signed document (uploaded first). */
export function CompactForm({ season, onDone }: { season: YearSeason; onDone(): void }) {
  const { t } = useI18n();
  const ids = { date: useId(), place: useId(), file: useId() };
  const [signedOn, setSignedOn] = useState(season.compact?.signedOn ?? `${season.year}-01-15`);
  const [place, setPlace] = useState(season.compact?.place ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const sign = useMutation(SignCompact);
  const submit = async () => {
    setUploadError(null);
    let documentId: string | null = null;
    if (file) {
      try {
        documentId = (await uploadFile(file)).id;
      } catch (error) {
        setUploadError((error as Error).message);
        return;
      }
    }
    const done = await sign.run({
      clusterId: season.clusterId,
      year: season.year,
      signedOn,
      place: place.trim() || null,
      documentId,
    });
    if (done) onDone();
  };
  return (
    <form
      className="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={ids.date}>{t.yearPages.signedOn}</label>
        <input id={ids.date} type="date" required value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.place}>{t.yearPages.place}</label>
        <input id={ids.place} value={place} onChange={(e) => setPlace(e.target.value)} />
      </div>
      <div className="field field-wide">
        <label htmlFor={ids.file}>{t.yearPages.uploadDocument}</label>
        <input id={ids.file} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={sign.busy}>
          {t.yearPages.sign}
        </button>
      </div>
      {uploadError ? (
        <p className="notice notice-error" role="alert">
          {uploadError}
        </p>
      ) : null}
      <ActionError error={sign.error} />
    </form>
  );
}
