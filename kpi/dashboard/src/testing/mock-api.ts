import { vi } from 'vitest';

type Answer = unknown | ((init: RequestInit | undefined, url: URL) => Response | unknown);

/**
 * Stubs fetch with answers keyed by "METHOD /path" (query ignored); a plain value answers 200 JSON,
 * a Response is returned as it is. Unknown requests answer 404, so a test sees what it forgot.
 */
export function mockApi(routes: Record<string, Answer>) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    calls.push({ method, path: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const key = `${method} ${url.pathname}`;
    if (!(key in routes)) return json({ code: 'NOT_FOUND', message: `no mock for ${key}` }, 404);
    const answer = routes[key];
    const value = typeof answer === 'function' ? (answer as (init: RequestInit | undefined, url: URL) => unknown)(init, url) : answer;
    return value instanceof Response ? value : json(value);
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
