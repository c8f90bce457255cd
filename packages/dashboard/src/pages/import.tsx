import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { authHeaders, currentViewer } from '../api/auth';
import { useClusterName } from '../api/clusters';
import { PageTitle } from '../components/page-title';
import { useI18n, type Format } from '../i18n/i18n';
import type { Route } from '../router';

/** What POST /import/observations answers. */
interface ImportAnswer {
  rows: number;
  stored: number;
  unchanged: number;
  dryRun: boolean;
  errorCount: number;
  errors: { cell: string; value: string; message: string }[];
  error?: string;
}

type Phase = 'check' | 'commit';

/** What the page imports: indicator figures, or commendations and tallies. */
type Kind = 'observations' | 'commendations';

const templates: Record<Kind, string> = {
  observations: '/import/template.xlsx',
  commendations: '/import/commendations-template.xlsx',
};

type State =
  | { step: 'idle' }
  | { step: 'uploading'; phase: Phase; loaded: number; total: number }
  | { step: 'processing'; phase: Phase; total: number }
  | { step: 'checked'; answer: ImportAnswer; total: number }
  | { step: 'stored'; answer: ImportAnswer; total: number }
  | { step: 'refused'; answer: ImportAnswer; total: number }
  | { step: 'cancelled' }
  | { step: 'failed'; message: string };

function sizeOf(bytes: number, format: Format): string {
  return bytes < 1024 * 1024 ? `${format.number(bytes / 1024, 1)} kB` : `${format.number(bytes / 1024 / 1024, 1)} MB`;
}

/**
 * Sends the file with XMLHttpRequest, whose upload events give real byte
 * counts (fetch gives none); `abort()` stops it.
 */
function send(
  kind: Kind,
  file: File,
  phase: Phase,
  on: { progress(loaded: number, total: number): void; uploaded(): void },
): { done: Promise<{ status: number; answer: ImportAnswer | null }>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ status: number; answer: ImportAnswer | null }>((resolve, reject) => {
    xhr.open('POST', `/import/${kind}${phase === 'check' ? '?dryRun=1' : ''}`);
    const csv = /\.csv$/i.test(file.name);
    xhr.setRequestHeader(
      'content-type',
      file.type || (csv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    // The session cookie travels by itself; an upload with it needs the CSRF header.
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => on.progress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => on.uploaded();
    xhr.onload = () => resolve({ status: xhr.status, answer: xhr.response as ImportAnswer | null });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function Errors({ answer }: { answer: ImportAnswer }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data import-errors">
        <caption>{t.importErrorsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.importCell}</th>
            <th scope="col">{t.importValue}</th>
            <th scope="col">{t.importProblem}</th>
          </tr>
        </thead>
        <tbody>
          {answer.errors.map((error, i) => (
            <tr key={i}>
              <th scope="row">
                <code>{error.cell}</code>
              </th>
              <td>{error.value}</td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.errorCount > answer.errors.length ? (
        <p className="hint">{t.importMoreErrors(answer.errorCount - answer.errors.length)}</p>
      ) : null}
    </div>
  );
}

/** Upload of an indicator sheet: check first (a dry run), then store or cancel; a real progress bar meanwhile. */
export function ImportPage({ route }: { route: Extract<Route, { page: 'import' }> }) {
  const { t, format } = useI18n();
  const { clusterId, year } = route;
  const clusterName = useClusterName(clusterId);
  const viewer = currentViewer();
  const [kind, setKind] = useState<Kind>('observations');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'idle' });
  const [templateError, setTemplateError] = useState<string | null>(null);
  const request = useRef<{ abort(): void } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId() };

  useEffect(() => () => request.current?.abort(), []);

  const downloadTemplate = async () => {
    setTemplateError(null);
    const response = await fetch(`${templates[kind]}?cluster=${encodeURIComponent(clusterId)}&year=${year}`, {
      headers: authHeaders(),
    }).catch(() => null);
    if (!response?.ok) {
      const body = response ? ((await response.json().catch(() => null)) as { error?: string } | null) : null;
      setTemplateError(body?.error ?? t.failedNetwork);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `${kind === 'observations' ? 'mau-so-lieu' : 'mau-khen-thuong'}-${clusterId}-${year}.xlsx`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const run = async (phase: Phase) => {
    if (!file) return;
    setState({ step: 'uploading', phase, loaded: 0, total: file.size });
    const upload = send(kind, file, phase, {
      progress: (loaded, total) => setState({ step: 'uploading', phase, loaded, total }),
      uploaded: () => setState({ step: 'processing', phase, total: file.size }),
    });
    request.current = upload;
    try {
      const { status, answer } = await upload.done;
      request.current = null;
      if (!answer || (status >= 400 && status !== 422)) {
        setState({ step: 'failed', message: answer?.error ?? `HTTP ${status}` });
      } else if (answer.errorCount > 0) setState({ step: 'refused', answer, total: file.size });
      else setState({ step: phase === 'check' ? 'checked' : 'stored', answer, total: file.size });
    } catch (error) {
      request.current = null;
      setState(
        (error as Error).name === 'AbortError' ? { step: 'cancelled' } : { step: 'failed', message: t.failedNetwork },
      );
    }
  };

  const reset = () => {
    request.current?.abort();
    request.current = null;
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  };
  const cancel = () => {
    reset();
    setState({ step: 'cancelled' });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run('check');
  };

  const busy = state.step === 'uploading' || state.step === 'processing';
  const unit = t.importUnits[kind];
  // Once a file to store is on the server, storing it cannot be called back: no cancel from there on.
  const cancellable =
    state.step === 'checked' || state.step === 'uploading' || (state.step === 'processing' && state.phase === 'check');
  const progress =
    state.step === 'uploading'
      ? { loaded: state.loaded, total: state.total }
      : 'total' in state
        ? { loaded: state.total, total: state.total }
        : null;

  return (
    <>
      <PageTitle>{t.importTitle(clusterName, year)}</PageTitle>
      <p>{t.importIntro}</p>
      {viewer ? null : <p className="notice notice-info">{t.yearPages.signInHint}</p>}
      <fieldset className="import-kind">
        <legend>{t.importKind}</legend>
        {(['observations', 'commendations'] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="kind"
              value={choice}
              checked={kind === choice}
              disabled={busy}
              onChange={() => {
                reset();
                setKind(choice);
                setState({ step: 'idle' });
              }}
            />{' '}
            {t.importKinds[choice]}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="template-title" className="panel">
        <h2 id="template-title">{t.importStepTemplate}</h2>
        <p>
          <button type="button" className="button" onClick={() => void downloadTemplate()}>
            {t.importTemplate}
          </button>
        </p>
        <p className="hint">{t.importTemplateHint}</p>
        {templateError ? (
          <p className="notice notice-error" role="alert">
            {templateError}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="upload-title" className="panel">
        <h2 id="upload-title">{t.importStepFile}</h2>
        <form className="import-form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={ids.file}>{t.importFile}</label>
            <input
              ref={fileInput}
              id={ids.file}
              name="file"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={busy}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setState({ step: 'idle' });
              }}
            />
          </div>
          <p className="import-actions">
            <button type="submit" className="button" disabled={!file || busy || state.step === 'checked'}>
              {t.importCheck}
            </button>
            {state.step === 'checked' && state.answer.stored > 0 ? (
              <button type="button" className="button" onClick={() => void run('commit')}>
                {t.importCommit}
              </button>
            ) : null}
            {cancellable ? (
              <button type="button" className="button button-quiet" onClick={cancel}>
                {t.importCancel}
              </button>
            ) : null}
            {state.step === 'refused' || state.step === 'stored' || state.step === 'failed' ? (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  reset();
                  setState({ step: 'idle' });
                }}
              >
                {t.importAnother}
              </button>
            ) : null}
          </p>
        </form>
        {progress && progress.total > 0 ? (
          <div className="import-progress" aria-live="polite">
            <label>
              {busy
                ? state.step === 'uploading'
                  ? t.importUploading(state.phase)
                  : t.importProcessing(state.phase)
                : t.importUploading(state.step === 'stored' ? 'commit' : 'check')}
              <progress max={progress.total} value={progress.loaded} />
            </label>
            <span className="hint">
              {t.importProgress(
                sizeOf(progress.loaded, format),
                sizeOf(progress.total, format),
                format.share(progress.loaded / progress.total),
              )}
            </span>
          </div>
        ) : null}
        <div role="status" className="import-result">
          {state.step === 'checked' ? (
            <p className="notice notice-info">
              {state.answer.rows === 0
                ? t.importNoValues
                : state.answer.stored === 0
                  ? t.importNothingToChange(state.answer.rows, unit)
                  : t.importChecked(state.answer.rows, state.answer.stored, state.answer.unchanged, unit)}
            </p>
          ) : null}
          {state.step === 'stored' ? (
            <p className="notice notice-info">{t.importStored(state.answer.stored, state.answer.unchanged, unit)}</p>
          ) : null}
          {state.step === 'cancelled' ? <p className="notice notice-info">{t.importCancelled}</p> : null}
          {state.step === 'failed' ? (
            <p className="notice notice-error">
              {t.importFailed}: {state.message}
            </p>
          ) : null}
          {state.step === 'refused' ? (
            <>
              <p className="notice notice-error">{t.importRefused(state.answer.errorCount, state.answer.rows, unit)}</p>
              <Errors answer={state.answer} />
            </>
          ) : null}
        </div>
      </section>
    </>
  );
}
