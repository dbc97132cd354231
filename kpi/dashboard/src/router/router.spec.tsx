import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Link, matchRoute, navigate, pathOf, useRoute } from './router';

function Where() {
  const route = useRoute('/kpi');
  return <p data-testid="route">{JSON.stringify(route)}</p>;
}
const shown = () => JSON.parse(screen.getByTestId('route').textContent ?? 'null');

describe('the router', () => {
  it('matches the four pages under the base path', () => {
    expect(matchRoute('/kpi/', '/kpi')).toEqual({ page: 'portfolio' });
    expect(matchRoute('/kpi', '/kpi')).toEqual({ page: 'portfolio' });
    expect(matchRoute('/kpi/initiatives/5ec0c0de-c0de-4c0d-8c0d-5ec0c0de0001', '/kpi')).toEqual({ page: 'initiative', id: '5ec0c0de-c0de-4c0d-8c0d-5ec0c0de0001' });
    expect(matchRoute('/kpi/runs/sim%3A2026-11-25%2B1/', '/kpi')).toEqual({ page: 'run', runId: 'sim:2026-11-25+1' });
    expect(matchRoute('/kpi/twin', '/kpi')).toEqual({ page: 'twin' });
    expect(matchRoute('/kpi/twin/', '/kpi')).toEqual({ page: 'twin' });
    expect(matchRoute('/kpi/twin/extra', '/kpi')).toEqual({ page: 'not-found', path: '/kpi/twin/extra' });
    expect(matchRoute('/kpi/initiatives', '/kpi')).toEqual({ page: 'not-found', path: '/kpi/initiatives' });
    expect(matchRoute('/kpi/runs/a/b', '/kpi')).toEqual({ page: 'not-found', path: '/kpi/runs/a/b' });
  });

  it('builds paths that match back to the same route', () => {
    const run = { page: 'run', runId: 'sim:2026-11-25+1' } as const;
    expect(pathOf(run, '/kpi')).toBe('/kpi/runs/sim%3A2026-11-25%2B1');
    expect(matchRoute(pathOf(run, '/kpi'), '/kpi')).toEqual(run);
    expect(pathOf({ page: 'portfolio' }, '/kpi')).toBe('/kpi/');
    expect(pathOf({ page: 'twin' }, '/kpi')).toBe('/kpi/twin');
    expect(matchRoute(pathOf({ page: 'twin' }, '/kpi'), '/kpi')).toEqual({ page: 'twin' });
  });

  it('follows a plain click on a link in place, and back and forward', () => {
    window.history.replaceState(null, '', '/kpi/');
    render(
      <>
        <Where />
        <Link to="/kpi/initiatives/abc">open</Link>
      </>,
    );
    expect(shown()).toEqual({ page: 'portfolio' });
    const click = fireEvent.click(screen.getByRole('link', { name: 'open' }), { button: 0 });
    expect(click).toBe(false); // default prevented: no page load
    expect(window.location.pathname).toBe('/kpi/initiatives/abc');
    expect(shown()).toEqual({ page: 'initiative', id: 'abc' });
    act(() => {
      window.history.replaceState(null, '', '/kpi/runs/r-1');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(shown()).toEqual({ page: 'run', runId: 'r-1' });
  });

  it('leaves modified clicks (new tab, new window) to the browser', () => {
    window.history.replaceState(null, '', '/kpi/');
    render(<Link to="/kpi/runs/r-1">run</Link>);
    expect(fireEvent.click(screen.getByRole('link', { name: 'run' }), { button: 0, ctrlKey: true })).toBe(true);
    expect(window.location.pathname).toBe('/kpi/');
    expect(screen.getByRole('link', { name: 'run' }).getAttribute('href')).toBe('/kpi/runs/r-1');
  });

  it('navigates from code, replacing the entry when asked', () => {
    window.history.replaceState(null, '', '/kpi/');
    render(<Where />);
    const length = window.history.length;
    act(() => navigate('/kpi/initiatives/xyz', { replace: true }));
    expect(shown()).toEqual({ page: 'initiative', id: 'xyz' });
    expect(window.history.length).toBe(length);
  });
});
