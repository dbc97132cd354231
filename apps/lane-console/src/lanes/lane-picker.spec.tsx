import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aLane, json, mockApi } from '../testing/fixtures';
import { LanePicker } from './lane-picker';
import { LANE_KEY } from './remembered-lane';

const lanes = [
  aLane({ id: 'USDET-AMB-01', name: 'FAST 1', booth: 'Booth 1', position: 0 }),
  aLane({ id: 'USDET-AMB-04', name: 'Mixed 4', type: 'mixed', booth: 'Booth 4', position: 3 }),
  aLane({ id: 'USDET-AMB-06', name: 'Commercial 6', type: 'standard', booth: 'Booth 6', position: 5, status: 'closed', devices: [{ id: 'x', kind: 'lpr' }] }),
];

describe('the lane picker', () => {
  it('lists every lane with its type, booth and devices, and marks the one this screen used last', async () => {
    localStorage.setItem(LANE_KEY, 'USDET-AMB-04');
    mockApi({ 'GET /api/lanes': lanes });
    render(<LanePicker />);
    const links = await screen.findAllByRole('link');
    expect(links.map((l) => l.getAttribute('aria-label'))).toEqual([
      'FAST 1, Trusted only lane, Booth 1',
      'Mixed 4, Mixed lane, Booth 4',
      'Commercial 6, Standard lane, Booth 6, closed',
    ]);
    expect(links[0].getAttribute('href')).toBe('/lanes/USDET-AMB-01');
    expect(within(links[0]).getByText('trusted')).toBeTruthy();
    expect(links[0].textContent).toMatch(/RFIDPlateCCTVVoIP/);
    expect(links[1].textContent).toMatch(/Last used on this screen/);
    expect(links[2].textContent).toMatch(/Closed/);
  });

  it('remembers the lane chosen and opens its page', async () => {
    mockApi({ 'GET /api/lanes': lanes });
    render(<LanePicker />);
    fireEvent.click(await screen.findByRole('link', { name: /^FAST 1/ }), { button: 0 });
    expect(localStorage.getItem(LANE_KEY)).toBe('USDET-AMB-01');
    expect(window.location.pathname).toBe('/lanes/USDET-AMB-01');
  });

  it('says why the lanes could not be loaded and tries again', async () => {
    let fail = true;
    mockApi({ 'GET /api/lanes': () => (fail ? json({ code: 'AUTH.FORBIDDEN', message: 'no' }, 403) : lanes) });
    render(<LanePicker />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/an officer token is needed/);
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByRole('link')).toHaveLength(3);
  });
});
