import type { ReactNode } from 'react';
import { RequestFailure, type ApiError, type QueryState } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Announced politely to screen readers; shown where the content will appear. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="status status-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.loading}
    </p>
  );
}

/** Nothing came back: says so, and offers to ask again. */
export function Failure({ error, onRetry }: { error: Error; onRetry(): void }) {
  const { t } = useI18n();
  const network = error instanceof RequestFailure && error.network;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t.failed}</strong> {network ? t.failedNetwork : error.message}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}

/** The part of an error that helps a reader: which service, what happened; never a URL. */
function describe(error: ApiError): string {
  const where = error.path?.length ? ` (${error.path.join('.')})` : '';
  return `${error.message}${where}`;
}

/** Data came back with errors beside it: typically one subgraph is down and its columns are empty. */
export function PartialNotice({ errors, onRetry }: { errors: ApiError[]; onRetry?(): void }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  const messages = [...new Set(errors.map(describe))];
  return (
    <div className="notice notice-warning" role="status">
      <p>
        <strong>{t.partial}</strong>
      </p>
      <details>
        <summary>{t.partialDetails}</summary>
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </details>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Renders a query's states: loading (first time), failure, then the content
 * with a notice for partial data. While new variables load, the previous
 * content stays, marked busy.
 */
export function QueryView<TData>({ state, children }: { state: QueryState<TData>; children(data: TData): ReactNode }) {
  const { t } = useI18n();
  if (state.data === null) {
    if (state.failure) return <Failure error={state.failure} onRetry={state.retry} />;
    return <Loading />;
  }
  return (
    <div className="query-view" aria-busy={state.loading}>
      {state.failure ? <Failure error={state.failure} onRetry={state.retry} /> : null}
      {!state.stale ? <PartialNotice errors={state.errors} onRetry={state.retry} /> : null}
      {state.loading ? (
        <p className="status status-updating" role="status">
          <span className="spinner" aria-hidden="true" />
          {t.updating}
        </p>
      ) : null}
      <div className={state.stale ? 'is-stale' : undefined}>{children(state.data)}</div>
    </div>
  );
}
