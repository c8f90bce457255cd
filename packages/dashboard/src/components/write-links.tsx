import { canWriteProvince } from '../auth/permissions';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

/** On a province's page, for whoever may write its data: its figures and commendations forms. */
export function WriteLinks({ provinceId }: { provinceId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!canWriteProvince(user, provinceId)) return null;
  return (
    <p className="form-actions">
      <Link className="button" to={{ page: 'figures', provinceId, year: null }}>
        {t.enterFigures}
      </Link>
      <Link className="button" to={{ page: 'commendationsEdit', provinceId }}>
        {t.manageCommendations}
      </Link>
    </p>
  );
}
