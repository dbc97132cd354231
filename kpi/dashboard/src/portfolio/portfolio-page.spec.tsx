import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionContext } from '../session';
import { summary } from '../testing/fixtures';
import { json, mockApi } from '../testing/mock-api';
import { PortfolioPage } from './portfolio-page';

const as = (roles: string[]) => (
  <SessionContext.Provider value={{ id: 'someone', roles }}>
    <PortfolioPage />
  </SessionContext.Provider>
);

describe('PortfolioPage', () => {
  it('puts each initiative in its phase lane, stopped ones aside', async () => {
    mockApi({
      'GET /api/kpi/initiatives': [
        summary(),
        summary({ id: 'i-2', name: 'Pre-arrival risk scoring', phase: 'poc', gate: { next: 'prototype', ready: true, met: 1, total: 1 }, schedule: { daysInPhase: 130, plannedDays: { min: 30, max: 90 }, progress: 1.444, status: 'overdue' } }),
        summary({ id: 'i-3', name: 'Drone survey', phase: 'stopped', gate: { next: null, ready: false, met: 0, total: 0 } }),
      ],
    });
    render(as(['manager']));
    const prototype = await screen.findByRole('region', { name: /^Prototype/ });
    expect(within(prototype).getByRole('link', { name: 'Secure Corridor: trusted-trader PIL' }).getAttribute('href')).toMatch(/\/initiatives\/5ec0c0de-/);
    expect(within(prototype).getByText('3 of 5 criteria met')).toBeTruthy();
    const poc = screen.getByRole('region', { name: /^Proof of concept/ });
    expect(within(poc).getByText('Ready for prototype')).toBeTruthy();
    expect(poc.querySelector('.schedule--late')?.textContent).toContain('+40 days');
    expect(within(screen.getByRole('region', { name: /^Stopped/ })).getByText('Drone survey')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /^Pilot/ })).getByText('None in pilot')).toBeTruthy();
  });

  it('tells a manager with no initiatives to create one, and opens the form', async () => {
    mockApi({ 'GET /api/kpi/initiatives': [] });
    render(as(['manager']));
    expect(await screen.findByText('No initiatives yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create the first initiative' }));
    expect(screen.getByRole('form', { name: 'New initiative' })).toBeTruthy();
  });

  it('offers no form to a caller who is not a manager', async () => {
    mockApi({ 'GET /api/kpi/initiatives': [] });
    render(as(['officer']));
    expect((await screen.findByText('No initiatives yet')).parentElement?.textContent).toMatch(/A programme manager registers initiatives/);
    expect(screen.queryByRole('button', { name: /initiative/i })).toBeNull();
  });

  it('shows a failure with a way to retry', async () => {
    const api = mockApi({ 'GET /api/kpi/initiatives': () => json({ code: 'INTERNAL', message: 'database is down' }, 503) });
    render(as(['manager']));
    expect((await screen.findByRole('alert')).textContent).toContain('database is down');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(api.fetch).toHaveBeenCalledTimes(2);
  });
});
