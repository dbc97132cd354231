import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A history-based router for three pages, small enough to read in one go. Paths live under the
 * app's base (`/kpi/` when served by apps/corridor); every link is a real `<a href>`, so opening it
 * in a new tab or reloading lands on the host's SPA fallback and renders the same page.
 */
export type Route =
  | { page: 'portfolio' }
  | { page: 'initiative'; id: string }
  | { page: 'run'; runId: string }
  | { page: 'not-found'; path: string };

/** Where the app is served, without the trailing slash ('' at the root, '/kpi' under the host). */
export const APP_BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/+$/, '');

const NAVIGATE_EVENT = 'corridor:navigate';

export function matchRoute(pathname: string, base = APP_BASE): Route {
  let rest = pathname;
  if (base && (rest === base || rest.startsWith(`${base}/`))) rest = rest.slice(base.length);
  const parts = rest.split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 0) return { page: 'portfolio' };
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
  }
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

/** The route of the current location; re-renders on links, back and forward. */
export function useRoute(base = APP_BASE): Route {
  const path = useSyncExternalStore(subscribe, currentPath, currentPath);
  useEffect(() => {
    // A new page starts at its top, as a full page load would.
    window.scrollTo?.(0, 0);
  }, [path]);
  return matchRoute(path, base);
}

/** An `<a>` that navigates in place on a plain left click and behaves as a link otherwise. */
export function Link({ to, onClick, ...props }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || props.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...props} />;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
