import { PageTitle } from '../components/page-title';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t.notFoundTitle}</PageTitle>
      <p>{t.notFoundBody}</p>
      <p>
        <Link to={{ page: 'home' }}>{t.backHome}</Link>
      </p>
    </>
  );
}
