import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** The weights of the combined standing (docs/ranking.md: 0.7 ICT, 0.3 commendations by default). */
export interface Weights {
  ictWeight: number;
  awardWeight: number;
}
export const defaultWeights: Weights = { ictWeight: 0.7, awardWeight: 0.3 };

export type SeasonTab =
  'standings' | 'indicators' | 'year' | 'assessment' | 'appraisal' | 'review' | 'election' | 'results' | 'import';

/** The pages of the emulation year, in the order the year goes through them. */
const yearTabs = ['year', 'assessment', 'appraisal', 'election', 'results'] as const;
type YearTab = (typeof yearTabs)[number];

/** Every page the dashboard has, as its URL says it. */
export type Route =
  | { page: 'home' }
  | { page: 'standings'; clusterId: string; year: number; weights: Weights }
  | { page: 'indicators'; clusterId: string; year: number; indicator: string | null }
  | { page: 'review'; clusterId: string; year: number }
  | { [Tab in YearTab]: { page: Tab; clusterId: string; year: number; province: string | null } }[YearTab]
  | { page: 'import'; clusterId: string; year: number }
  | { page: 'province'; provinceId: string }
  | { page: 'signIn'; next: string | null; error?: 'pending' | 'oidc' }
  | { page: 'account' }
  | { page: 'figures'; provinceId: string; year: number | null }
  | { page: 'commendationsEdit'; provinceId: string }
  | { page: 'clusters' }
  | { page: 'seasonMembers'; clusterId: string; year: number }
  | { page: 'yearOverview'; year: number }
  | { page: 'adminUsers' }
  | { page: 'adminTokens' }
  | { page: 'notFound' };

/** A season's own pages (the season bar's tabs); the Ministry's members page has its own navigation. */
export type SeasonRoute = Exclude<Extract<Route, { clusterId: string }>, { page: 'seasonMembers' }>;

function readWeight(value: string | null, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : fallback;
}

/** Reads a route from a path and query string. */
export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'clusters' && parts.length >= 3 && /^\d{4}$/.test(parts[2])) {
    const clusterId = parts[1];
    const year = Number(parts[2]);
    const tab = parts[3];
    if (parts.length === 3) {
      return {
        page: 'standings',
        clusterId,
        year,
        weights: {
          ictWeight: readWeight(query.get('ict'), defaultWeights.ictWeight),
          awardWeight: readWeight(query.get('award'), defaultWeights.awardWeight),
        },
      };
    }
    if (parts.length === 4 && tab === 'indicators') {
      return { page: 'indicators', clusterId, year, indicator: query.get('indicator') || null };
    }
    if (parts.length === 4 && tab === 'review') return { page: 'review', clusterId, year };
    if (parts.length === 4 && tab === 'import') return { page: 'import', clusterId, year };
    const yearTab = yearTabs.find((name) => name === tab);
    if (parts.length === 4 && yearTab)
      return { page: yearTab, clusterId, year, province: query.get('province') || null };
    if (parts.length === 4 && tab === 'members') return { page: 'seasonMembers', clusterId, year };
  }
  if (parts[0] === 'provinces' && parts.length === 2) return { page: 'province', provinceId: parts[1] };
  if (parts[0] === 'provinces' && parts.length === 3 && parts[2] === 'figures') {
    const year = Number(query.get('year'));
    return { page: 'figures', provinceId: parts[1], year: Number.isInteger(year) && year > 0 ? year : null };
  }
  if (parts[0] === 'provinces' && parts.length === 3 && parts[2] === 'commendations') {
    return { page: 'commendationsEdit', provinceId: parts[1] };
  }
  const only = parts.length === 1 ? parts[0] : parts.join('/');
  if (only === 'sign-in') {
    const next = query.get('next');
    // Only a path on this site: a sign-in never sends anyone elsewhere.
    const error = query.get('error');
    return {
      page: 'signIn',
      next: next && next.startsWith('/') && !next.startsWith('//') ? next : null,
      ...(error === 'pending' || error === 'oidc' ? { error } : {}),
    };
  }
  if (only === 'account') return { page: 'account' };
  if (only === 'clusters') return { page: 'clusters' };
  if (only === 'admin/users') return { page: 'adminUsers' };
  if (only === 'admin/tokens') return { page: 'adminTokens' };
  if (parts[0] === 'years' && parts.length === 2 && /^\d{4}$/.test(parts[1])) {
    return { page: 'yearOverview', year: Number(parts[1]) };
  }
  return { page: 'notFound' };
}

/** The URL of a route; indicator codes contain dots, so they travel in the query string. */
export function hrefOf(route: Route): string {
  const season = (r: SeasonRoute) => `/clusters/${encodeURIComponent(r.clusterId)}/${r.year}`;
  switch (route.page) {
    case 'home':
      return '/';
    case 'standings': {
      const { ictWeight, awardWeight } = route.weights;
      const custom = ictWeight !== defaultWeights.ictWeight || awardWeight !== defaultWeights.awardWeight;
      return custom ? `${season(route)}?ict=${ictWeight}&award=${awardWeight}` : season(route);
    }
    case 'indicators':
      return route.indicator
        ? `${season(route)}/indicators?indicator=${encodeURIComponent(route.indicator)}`
        : `${season(route)}/indicators`;
    case 'review':
      return `${season(route)}/review`;
    case 'year':
    case 'assessment':
    case 'appraisal':
    case 'election':
    case 'results':
      return `${season(route)}/${route.page}${route.province ? `?province=${encodeURIComponent(route.province)}` : ''}`;
    case 'import':
      return `${season(route)}/import`;
    case 'province':
      return `/provinces/${encodeURIComponent(route.provinceId)}`;
    case 'signIn':
      return route.next ? `/sign-in?next=${encodeURIComponent(route.next)}` : '/sign-in';
    case 'account':
      return '/account';
    case 'figures':
      return `/provinces/${encodeURIComponent(route.provinceId)}/figures${route.year ? `?year=${route.year}` : ''}`;
    case 'commendationsEdit':
      return `/provinces/${encodeURIComponent(route.provinceId)}/commendations`;
    case 'clusters':
      return '/clusters';
    case 'seasonMembers':
      return `/clusters/${encodeURIComponent(route.clusterId)}/${route.year}/members`;
    case 'yearOverview':
      return `/years/${route.year}`;
    case 'adminUsers':
      return '/admin/users';
    case 'adminTokens':
      return '/admin/tokens';
    case 'notFound':
      return '/';
  }
}

/** The sign-in page, coming back to where the reader is now. */
export function signInRoute(): Route {
  const here = `${location.pathname}${location.search}`;
  return { page: 'signIn', next: here.startsWith('/sign-in') ? null : here };
}

/** The same season page for another cluster or year. */
export function seasonRoute(tab: SeasonTab, clusterId: string, year: number): SeasonRoute {
  switch (tab) {
    case 'standings':
      return { page: 'standings', clusterId, year, weights: defaultWeights };
    case 'indicators':
      return { page: 'indicators', clusterId, year, indicator: null };
    case 'review':
      return { page: 'review', clusterId, year };
    case 'year':
    case 'assessment':
    case 'appraisal':
    case 'election':
    case 'results':
      return { page: tab, clusterId, year, province: null };
    case 'import':
      return { page: 'import', clusterId, year };
  }
}

const navigationEvent = 'thidua:navigate';
let keepFocus = false;

export interface NavigateOptions {
  /** Replace the history entry instead of adding one (e.g. while dragging a slider). */
  replace?: boolean;
  /** Leave focus where it is (the reader is still using a picker) instead of moving it to the new page's title. */
  keepFocus?: boolean;
}

/** Changes the URL without reloading. */
export function navigate(href: string, options: NavigateOptions = {}): void {
  if (href === `${location.pathname}${location.search}`) return;
  keepFocus = options.keepFocus ?? false;
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(navigationEvent));
}

/** Whether the last navigation wants focus on the new page's title; asking resets it. */
export function takeFocusRequest(): boolean {
  const wanted = !keepFocus;
  keepFocus = false;
  return wanted;
}

/** The current route, following links, back and forward. */
export function useRoute(): Route {
  const read = () => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    const back = () => {
      keepFocus = false;
      update();
    };
    window.addEventListener('popstate', back);
    window.addEventListener(navigationEvent, update);
    return () => {
      window.removeEventListener('popstate', back);
      window.removeEventListener(navigationEvent, update);
    };
  }, []);
  return route;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: Route; children: ReactNode };

/** A real link (opens in a new tab, copies, works without a mouse) that navigates in place on a plain click. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const href = hrefOf(to);
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
