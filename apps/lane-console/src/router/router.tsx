import { appBase, Link, navigate, pathSegments, useLocationPath } from '@corridor/web';

/** The console's routes: the lane picker and one page per lane. Links, navigation and the base path come from @corridor/web. */
export type Route =
  | { page: 'home' }
  | { page: 'lanes' }
  | { page: 'lane'; laneId: string }
  | { page: 'not-found'; path: string };

/** Where the app is served, without the trailing slash ('' at the root, '/console' under the host). */
export const APP_BASE = appBase(import.meta.env.BASE_URL);

export function matchRoute(pathname: string, base = APP_BASE): Route {
  const parts = pathSegments(pathname, base);
  if (parts.length === 0) return { page: 'home' };
  if (parts.length === 1 && parts[0] === 'lanes') return { page: 'lanes' };
  if (parts.length === 2 && parts[0] === 'lanes' && parts[1]) return { page: 'lane', laneId: parts[1] };
  return { page: 'not-found', path: pathname };
}

export function pathOf(route: Exclude<Route, { page: 'not-found' }>, base = APP_BASE): string {
  switch (route.page) {
    case 'home':
      return `${base}/`;
    case 'lanes':
      return `${base}/lanes`;
    case 'lane':
      return `${base}/lanes/${encodeURIComponent(route.laneId)}`;
  }
}

export function useRoute(base = APP_BASE): Route {
  return matchRoute(useLocationPath(), base);
}

export { Link, navigate };
