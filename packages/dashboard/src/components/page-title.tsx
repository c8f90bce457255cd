import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * The page's one h1, also the document title. After client-side navigation
 * the app moves focus here (id "page-title") so keyboard and screen-reader
 * users start at the new content.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useI18n();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · ${t.appTitle}` : t.appTitle;
  }, [text, t.appTitle]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
