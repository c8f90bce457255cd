import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

let focusPending = false;

/**
 * Moves focus to the page's heading after client-side navigation, so keyboard
 * and screen-reader users start at the new content. A page still loading
 * (lazy chunk) takes the focus when its heading mounts.
 */
export function focusPageTitle(): void {
  const title = document.getElementById('page-title');
  if (title) title.focus({ preventScroll: true });
  else focusPending = true;
}

/**
 * The page's one h1, also the document title. `focusOnOpen` gives it the focus
 * however the page was opened (a link, an address typed or bookmarked).
 */
export function PageTitle({
  children,
  title,
  focusOnOpen = false,
}: {
  children: ReactNode;
  title?: string;
  focusOnOpen?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · ${t.appTitle}` : t.appTitle;
  }, [text, t.appTitle]);
  useEffect(() => {
    if (focusPending || focusOnOpen) {
      focusPending = false;
      ref.current?.focus({ preventScroll: true });
    }
  }, [focusOnOpen]);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
