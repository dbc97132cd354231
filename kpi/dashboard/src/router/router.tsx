import { appBase, Link, navigate, pathSegments, useLocationPath } from '@corridor/web';

/** The dashboard's routes: the portfolio, an initiative, a simulation run and the digital twin. Links, navigation and the base path come from @corridor/web. */
export type Route =
  | { page: 'portfolio' }
  | { page: 'initiative'; id: string }
  | { page: 'run'; runId: string }
  | { page: 'twin' }
  | { page: 'not-found'; path: string };

/** Where the app is served, without the trailing slash ('' at the root, '/kpi' under the host). */
export const APP_BASE = appBase(import.meta.env.BASE_URL);

export function matchRoute(pathname: string, base = APP_BASE): Route {
  const parts = pathSegments(pathname, base);
  if (parts.length === 0) return { page: 'portfolio' };
  if (parts.length === 1 && parts[0] === 'twin') return { page: 'twin' };
  if (parts.length === 2 && parts[0] === 'initiatives' && parts[1]) return { page: 'initiative', id: parts[1] };
  if (parts.length === 2 && parts[0] === 'runs' && parts[1]) return { page: 'run', runId: parts[1] };
  return { page: 'not-found', path: pathname };
}

export function pathOf(route: Exclude<Route, { page: 'not-found' }>, base = APP_BASE): string {
  switch (route.page) {
    case 'portfolio':
      return `${base}/`;
    case 'initiative':
      return `${base}/initiatives/${encodeURIComponent(route.id)}`;
    case 'run':
      return `${base}/runs/${encodeURIComponent(route.runId)}`;
    case 'twin':
      return `${base}/twin`;
  }
}

/** The route of the current location; re-renders on links, back and forward. */
export function useRoute(base = APP_BASE): Route {
  return matchRoute(useLocationPath(), base);
}

export { Link, navigate };
