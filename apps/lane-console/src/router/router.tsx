import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A tiny history router: the lane picker and one page per lane. Paths live under the app's base
 * (`/console/` when apps/corridor serves it); links are real `<a href>`, so a reload or a new tab
 * lands on the host's SPA fallback and renders the same page.
 */
export type Route =
  | { page: 'home' }
  | { page: 'lanes' }
  | { page: 'lane'; laneId: string }
  | { page: 'not-found'; path: string };

/** Where the app is served, without the trailing slash ('' at the root, '/console' under the host). */
export const APP_BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/+$/, '');

const NAVIGATE_EVENT = 'corridor:navigate';

export function matchRoute(pathname: string, base = APP_BASE): Route {
  let rest = pathname;
  if (base && (rest === base || rest.startsWith(`${base}/`))) rest = rest.slice(base.length);
  const parts = rest.split('/').filter(Boolean).map(safeDecode);
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

export function useRoute(base = APP_BASE): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  return matchRoute(path, base);
}

/** An `<a href>` that navigates in place on a plain left click, and leaves modified clicks to the browser. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
