import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Link, matchRoute, navigate, pathOf, useRoute } from './router';

function Where() {
  return <p data-testid="route">{JSON.stringify(useRoute('/console'))}</p>;
}
const shown = () => JSON.parse(screen.getByTestId('route').textContent ?? 'null');

describe('the router', () => {
  it('matches the picker and one page per lane under the base path', () => {
    expect(matchRoute('/console/', '/console')).toEqual({ page: 'home' });
    expect(matchRoute('/console', '/console')).toEqual({ page: 'home' });
    expect(matchRoute('/console/lanes', '/console')).toEqual({ page: 'lanes' });
    expect(matchRoute('/console/lanes/USDET-AMB-02', '/console')).toEqual({ page: 'lane', laneId: 'USDET-AMB-02' });
    expect(matchRoute('/console/lanes/a/b', '/console')).toEqual({ page: 'not-found', path: '/console/lanes/a/b' });
  });

  it('builds paths that match back to the same route', () => {
    const lane = { page: 'lane', laneId: 'USDET-AMB-02' } as const;
    expect(pathOf(lane, '/console')).toBe('/console/lanes/USDET-AMB-02');
    expect(matchRoute(pathOf(lane, '/console'), '/console')).toEqual(lane);
    expect(pathOf({ page: 'home' }, '/console')).toBe('/console/');
  });

  it('follows a plain click in place, leaves modified clicks to the browser, and follows back and forward', () => {
    window.history.replaceState(null, '', '/console/lanes');
    render(
      <>
        <Where />
        <Link to="/console/lanes/USDET-AMB-01">FAST 1</Link>
      </>,
    );
    expect(fireEvent.click(screen.getByRole('link', { name: 'FAST 1' }), { button: 0, ctrlKey: true })).toBe(true);
    expect(shown()).toEqual({ page: 'lanes' });
    expect(fireEvent.click(screen.getByRole('link', { name: 'FAST 1' }), { button: 0 })).toBe(false);
    expect(shown()).toEqual({ page: 'lane', laneId: 'USDET-AMB-01' });
    act(() => {
      window.history.replaceState(null, '', '/console/lanes');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(shown()).toEqual({ page: 'lanes' });
    act(() => navigate('/console/lanes/USDET-AMB-03', { replace: true }));
    expect(shown()).toEqual({ page: 'lane', laneId: 'USDET-AMB-03' });
  });
});
