import { lazy, Suspense, useEffect, useRef } from 'react';
import { rememberSeason } from './api/clusters';
import { focusPageTitle } from './components/page-title';
import { SeasonBar } from './components/season-bar';
import { Loading } from './components/status';
import { useI18n } from './i18n/i18n';
import { HomePage } from './pages/home';
import { IndicatorsPage } from './pages/indicators';
import { NotFoundPage } from './pages/not-found';
import { ReviewPage } from './pages/review';
import { StandingsPage } from './pages/standings';
import { AppraisalPage } from './pages/year/appraisal-page';
import { AssessmentPage } from './pages/year/assessment-page';
import { ElectionPage } from './pages/year/election-page';
import { ResultsPage } from './pages/year/results-page';
import { YearPage } from './pages/year/year-page';
import { Link, takeFocusRequest, useRoute, type Route } from './router';

// The import page is for officers only: load it when opened.
const ImportPage = lazy(() => import('./pages/import').then((module) => ({ default: module.ImportPage })));
// The charting library is only needed on a province page: load it with that page.
const ProvincePage = lazy(() => import('./pages/province').then((module) => ({ default: module.ProvincePage })));

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'standings':
      return <StandingsPage route={route} />;
    case 'indicators':
      return <IndicatorsPage route={route} />;
    case 'review':
      return <ReviewPage route={route} />;
    case 'year':
      return <YearPage route={route} />;
    case 'assessment':
      return <AssessmentPage route={route} />;
    case 'appraisal':
      return <AppraisalPage route={route} />;
    case 'election':
      return <ElectionPage route={route} />;
    case 'results':
      return <ResultsPage route={route} />;
    case 'import':
      return <ImportPage route={route} />;
    case 'province':
      return <ProvincePage route={route} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** After moving to another page (not on the first load, nor when only the query string changes), focus its heading. */
function useFocusOnNavigation() {
  const first = useRef(true);
  const path = typeof location === 'undefined' ? '' : location.pathname;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    if (takeFocusRequest()) focusPageTitle();
  }, [path]);
}

function Header() {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'vi' ? 'en' : 'vi';
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to={{ page: 'home' }} className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#a51d24" />
            <path fill="#ffd54a" d="M16 5.5l2.6 7.9h8.3l-6.7 4.9 2.6 7.9L16 21.3l-6.8 4.9 2.6-7.9-6.7-4.9h8.3z" />
          </svg>
          <span className="brand-text">
            <span className="brand-title">{t.appTitle}</span>
            <span className="brand-subtitle">{t.appSubtitle}</span>
          </span>
        </Link>
        <div className="header-actions">
          <a className="header-link" href="/graphiql">
            {t.graphiql}
          </a>
          <button
            type="button"
            className="language-switch"
            lang={other}
            aria-label={t.switchLanguageLabel}
            onClick={() => setLanguage(other)}
          >
            {t.switchLanguage}
          </button>
        </div>
      </div>
    </header>
  );
}

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  useFocusOnNavigation();
  const season = 'clusterId' in route ? route : null;
  const clusterId = season?.clusterId;
  const year = season?.year;
  useEffect(() => {
    if (clusterId && year) rememberSeason(clusterId, year);
  }, [clusterId, year]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      {season ? <SeasonBar route={season} /> : null}
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page route={route} />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          {t.footerApi} <code>/graphql</code> · <a href="/graphiql">GraphiQL</a>
        </p>
        <p className="hint">{t.footerNote}</p>
      </footer>
    </>
  );
}
