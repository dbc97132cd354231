import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Console } from './app';
import { LANE_KEY } from './lanes/remembered-lane';
import { aLane, FakeEventSource, mockApi } from './testing/fixtures';

const OFFICER = { id: 'officer-17', roles: ['officer' as const] };

describe('the console', () => {
  it('opens the lane picker on a screen that has no lane yet', async () => {
    mockApi({ 'GET /api/lanes': [aLane()] });
    render(<Console principal={OFFICER} signOut={() => undefined} />);
    expect(await screen.findByRole('heading', { name: 'Choose this booth’s lane' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/Lane console/);
  });

  it('reopens the lane this screen remembers', async () => {
    localStorage.setItem(LANE_KEY, 'USDET-AMB-02');
    mockApi({ 'GET /api/lanes/USDET-AMB-02': aLane(), 'GET /api/lanes/USDET-AMB-02/passages': [] });
    vi.stubGlobal('EventSource', FakeEventSource);
    FakeEventSource.reset();
    render(<Console principal={OFFICER} signOut={() => undefined} />);
    await waitFor(() => expect(window.location.pathname).toBe('/lanes/USDET-AMB-02'));
    expect(await screen.findByText('FAST 2')).toBeTruthy();
    await waitFor(() => expect(FakeEventSource.last().url).toBe('/api/lanes/USDET-AMB-02/passages/stream'));
  });

  it('keeps the picker one click away at /lanes even with a remembered lane', async () => {
    localStorage.setItem(LANE_KEY, 'USDET-AMB-02');
    window.history.replaceState(null, '', '/lanes');
    mockApi({ 'GET /api/lanes': [aLane()] });
    render(<Console principal={OFFICER} signOut={() => undefined} />);
    expect(await screen.findByRole('heading', { name: 'Choose this booth’s lane' })).toBeTruthy();
    expect(window.location.pathname).toBe('/lanes');
  });
});
