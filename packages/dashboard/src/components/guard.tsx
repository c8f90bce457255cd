import type { ReactNode } from 'react';
import { useSession, type SessionUser } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { Link, signInRoute } from '../router';
import { Loading } from './status';

/**
 * Shows a write page only to those it is for: a reader who is not signed in
 * is offered the sign-in (coming back here), one without the rights is told so.
 */
export function Guard({
  allow,
  children,
}: {
  allow(user: SessionUser): boolean;
  children(user: SessionUser): ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <div className="notice notice-info">
        <p>{t.signInNeeded}</p>
        <p>
          <Link className="button" to={signInRoute()}>
            {t.signInFirst}
          </Link>
        </p>
      </div>
    );
  }
  if (!allow(user)) {
    return (
      <div className="notice notice-warning" role="alert">
        <p>{t.notAllowed}</p>
      </div>
    );
  }
  return <>{children(user)}</>;
}
