import { useState } from 'react';
import { currentViewer, isNational, type Viewer } from '../api/auth';
import type { ApiError } from '../api/client';
import { openFile } from '../api/files';
import { useI18n } from '../i18n/i18n';

/** The statuses of a season's year, in order. */
export const seasonSteps = ['PLANNING', 'OPEN', 'ASSESSMENT', 'REVIEW', 'LOCKED'] as const;

/** Where the year stands, as a row of steps with the current one marked. */
export function StatusSteps({ status }: { status: string | null | undefined }) {
  const { t } = useI18n();
  const current = seasonSteps.indexOf((status ?? 'PLANNING') as (typeof seasonSteps)[number]);
  return (
    <ol className="steps" aria-label={t.yearPages.stepsLabel}>
      {seasonSteps.map((step, index) => (
        <li
          key={step}
          className={index < current ? 'step-done' : index === current ? 'step-current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          {t.yearPages.statuses[step]}
        </li>
      ))}
    </ol>
  );
}

/** A date and time in the interface language. */
export function useDateTime(): (iso: string | null | undefined) => string {
  const { language } = useI18n();
  return (iso) =>
    iso
      ? new Date(iso).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone: 'Asia/Ho_Chi_Minh',
        })
      : '—';
}

/** The visible mark of a locked season: who locked it and when. */
export function LockSeal({ lockedAt, lockedBy }: { lockedAt: string; lockedBy: string }) {
  const { t } = useI18n();
  const when = useDateTime();
  return (
    <p className="seal" role="status">
      <span className="seal-mark">{t.yearPages.seal}</span>
      <span>{t.yearPages.lockedBy(lockedBy, when(lockedAt))}</span>
    </p>
  );
}

/** A refused write, worded as the API worded it (it names the field, the rule or the season lock). */
export function ActionError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  const missing = error.extensions?.missing as string[] | undefined;
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.message}</p>
      {missing?.length ? (
        <ul>
          {missing.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Shown where a page would offer a form the viewer may not use. */
export function ReadOnlyNote() {
  const { t } = useI18n();
  const viewer = currentViewer();
  return <p className="hint read-only">{viewer ? t.yearPages.readOnly : t.yearPages.signInHint}</p>;
}

/** What the signed-in viewer may do in a season (the API decides; this only hides what would be refused). */
export interface SeasonRights {
  viewer: Viewer | null;
  /** The head of the season, the Ministry or an admin. */
  manages: boolean;
  /** The viewer's own province, when it is a member. */
  member: string | null;
  locked: boolean;
}

export function seasonRights(season: {
  status?: string | null;
  head?: { id: string } | null;
  members: readonly { id: string }[];
}): SeasonRights {
  const viewer = currentViewer();
  const own = viewer?.role === 'province' ? (viewer.province ?? null) : null;
  const locked = season.status === 'LOCKED';
  return {
    viewer,
    manages: !locked && (isNational(viewer) || (own !== null && own === season.head?.id)),
    member: own !== null && season.members.some((m) => m.id === own) ? own : null,
    locked,
  };
}

/** A file behind the sign-in: opened with it, in a new tab. */
export function FileButton({ file }: { file: { fileName: string; url: string } }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="file">
      <button
        type="button"
        className="button-quiet file-open"
        title={t.yearPages.openFile}
        onClick={() => openFile(file.url).catch((e: Error) => setError(e.message))}
      >
        {file.fileName}
      </button>
      {error ? (
        <span className="hint" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** The year's log: every step with who and when. */
export function HistoryList({
  events,
}: {
  events: readonly { at: string; actor: string; action: string; detail?: string | null }[];
}) {
  const { t } = useI18n();
  const when = useDateTime();
  if (events.length === 0) return <p className="hint">{t.yearPages.noHistory}</p>;
  return (
    <div className="table-scroll">
      <table className="data compact history responsive">
        <caption>{t.yearPages.history}</caption>
        <thead>
          <tr>
            <th scope="col">{t.yearPages.at}</th>
            <th scope="col">{t.yearPages.action}</th>
            <th scope="col">{t.yearPages.actor}</th>
            <th scope="col">{t.yearPages.detail}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event, index) => (
            <tr key={`${event.at}-${index}`}>
              <td data-label={t.yearPages.at}>{when(event.at)}</td>
              <td data-label={t.yearPages.action}>{t.yearPages.actions[event.action] ?? event.action}</td>
              <td data-label={t.yearPages.actor}>{event.actor}</td>
              <td className="wide" data-label={t.yearPages.detail}>
                {event.detail}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
