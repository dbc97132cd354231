import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Shell } from './app';
import { navigate } from './router/router';
import { mockApi } from './testing/mock-api';

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
});
