import { useState } from 'react';
import { isAdmin, isNational } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, signInRoute, type Route } from '../router';

/** The signed-in account in the header, with sign-out; or the sign-in link. */
export function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const user = session.user;
  if (user === undefined) return null;
  if (user === null) {
    return (
      <Link className="header-link header-sign-in" to={signInRoute()}>
        {t.signIn}
      </Link>
    );
  }
  const signOut = async () => {
    setLeaving(true);
    await session.signOut();
    setLeaving(false);
    navigate('/', { replace: true });
  };
  return (
    <div className="user-menu" role="group" aria-label={t.userArea}>
      <Link className="header-link user-name" to={{ page: 'account' }}>
        <span>{user.name ?? user.username}</span>
        <span className="user-role">{t.roles[user.role] ?? user.role}</span>
      </Link>
      <button type="button" className="language-switch" onClick={signOut} disabled={leaving}>
        {leaving ? t.signingOut : t.signOut}
      </button>
    </div>
  );
}

/** The write pages the signed-in account has, under the header. */
export function WorkNav() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user || user.role === 'VIEWER') return null;
  const links: { to: Route; label: string }[] = [];
  if (user.role === 'PROVINCE' && user.provinceId) {
    links.push({ to: { page: 'figures', provinceId: user.provinceId, year: null }, label: t.navFigures });
    links.push({ to: { page: 'commendationsEdit', provinceId: user.provinceId }, label: t.navCommendationsEdit });
  }
  if (isNational(user)) {
    links.push({ to: { page: 'clusters' }, label: t.navClusters });
    links.push({ to: { page: 'yearOverview', year: new Date().getFullYear() - 1 }, label: t.navYearOverview });
  }
  if (isAdmin(user)) {
    links.push({ to: { page: 'adminUsers' }, label: t.navUsers });
    links.push({ to: { page: 'adminTokens' }, label: t.navTokens });
  }
  return (
    <nav className="work-nav" aria-label={t.workNav}>
      <ul>
        {links.map((link) => (
          <li key={link.label}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
