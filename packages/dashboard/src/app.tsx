import { lazy, Suspense, useEffect, useRef } from 'react';
import { rememberSeason } from './api/clusters';
import { focusPageTitle } from './components/page-title';
import { SeasonBar } from './components/season-bar';
import { Loading } from './components/status';
import { UserMenu, WorkNav } from './components/user-menu';
import { useSession } from './auth/session';
import { useI18n } from './i18n/i18n';
import { HomePage } from './pages/home';
import { IndicatorsPage } from './pages/indicators';
import { NotFoundPage } from './pages/not-found';
import { ReviewPage } from './pages/review';
import { SignInPage } from './pages/sign-in';
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
// The write pages are for signed-in staff: readers never load them.
const AccountPage = lazy(() => import('./pages/account').then((m) => ({ default: m.AccountPage })));
const FiguresPage = lazy(() => import('./pages/figures').then((m) => ({ default: m.FiguresPage })));
const CommendationsEditPage = lazy(() =>
  import('./pages/commendations-edit').then((m) => ({ default: m.CommendationsEditPage })),
);
const ClustersPage = lazy(() => import('./pages/clusters').then((m) => ({ default: m.ClustersPage })));
const SeasonMembersPage = lazy(() => import('./pages/season-members').then((m) => ({ default: m.SeasonMembersPage })));
const YearOverviewPage = lazy(() => import('./pages/year-overview').then((m) => ({ default: m.YearOverviewPage })));
const UsersPage = lazy(() => import('./pages/admin-users').then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import('./pages/admin-tokens').then((m) => ({ default: m.TokensPage })));

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
    case 'signIn':
      return <SignInPage route={route} />;
    case 'account':
      return <AccountPage />;
    case 'figures':
      return <FiguresPage route={route} />;
    case 'commendationsEdit':
      return <CommendationsEditPage route={route} />;
    case 'clusters':
      return <ClustersPage />;
    case 'seasonMembers':
      return <SeasonMembersPage route={route} />;
    case 'yearOverview':
      return <YearOverviewPage route={route} />;
    case 'adminUsers':
      return <UsersPage />;
    case 'adminTokens':
      return <TokensPage />;
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
          <UserMenu />
        </div>
      </div>
      <WorkNav />
    </header>
  );
}

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  // Who is signed in: the whole page renders again when it changes (pages read it through api/auth.ts).
  useSession();
  useFocusOnNavigation();
  const season = route.page === 'standings' || route.page === 'indicators' || route.page === 'review' ? route : null;
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
