import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Shell } from './app';
import { navigate } from './router/router';
import { json, mockApi } from './testing/mock-api';

describe('Shell', () => {
  it('routes to the page of the current path and moves focus to it after a navigation', async () => {
    mockApi({ 'GET /api/kpi/initiatives': [] });
    window.history.replaceState(null, '', '/');
    render(<Shell principal={{ id: 'm-1', roles: ['manager'] }} signOut={() => undefined} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Initiatives' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Portfolio' }).getAttribute('aria-current')).toBe('page');
    act(() => navigate('/nowhere/at/all'));
    expect(screen.getByText('There is no page here')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('links to the twin from the main navigation', async () => {
    mockApi({ 'GET /api/kpi/initiatives': [], 'GET /api/twin/forecast': json({ code: 'TWIN.NO_FORECAST', message: 'no forecast yet' }, 404) });
    window.history.replaceState(null, '', '/');
    render(<Shell principal={{ id: 'o-1', roles: ['officer'] }} signOut={() => undefined} />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Portfolio', 'Twin']);
    fireEvent.click(screen.getByRole('link', { name: 'Twin' }), { button: 0 });
    expect(window.location.pathname).toBe('/twin');
    expect(screen.getByRole('heading', { level: 1, name: 'Crossing forecast' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Twin' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('No forecast yet')).toBeTruthy();
  });
});
