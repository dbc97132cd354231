import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * The history plumbing both web apps route with: paths live under the app's base (`/console`,
 * `/kpi` when apps/corridor serves them) and every link is a real `<a href>`, so a reload or a
 * new tab lands on the host's SPA fallback and renders the same page. Each app keeps its own
 * route table (match and build paths) on top of this.
 */
const NAVIGATE_EVENT = 'corridor:navigate';

/** The base path without its trailing slash, from Vite's BASE_URL ('' at the root). */
export function appBase(baseUrl: string | undefined): string {
  return (baseUrl ?? '/').replace(/\/+$/, '');
}

/** The decoded path segments below `base`. */
export function pathSegments(pathname: string, base: string): string[] {
  let rest = pathname;
  if (base && (rest === base || rest.startsWith(`${base}/`))) rest = rest.slice(base.length);
  return rest.split('/').filter(Boolean).map(safeDecode);
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

/** The current pathname; re-renders on links, back and forward, and starts a new page at its top. */
export function useLocationPath(): string {
  const path = useSyncExternalStore(subscribe, currentPath, currentPath);
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [path]);
  return path;
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
