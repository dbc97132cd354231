import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { criterion, gate } from '../testing/fixtures';
import { GatePanel, gateHeadline } from './gate-panel';

const twoCriteria = gate({
  met: 1,
  total: 2,
  criteria: [
    criterion(),
    criterion({
      kpi: 'trucks', name: 'Trucks per lane-hour', unit: 'trucks/h', direction: 'higher', target: 45, value: 46, ci95: [45.5, 47], bound: 45.5, met: true,
      reason: 'value 46 and its 95% CI [45.5, 47] meet the target (at least 45)',
      evidence: { measurementId: 'm-9', source: 'simulation', runId: 'sim-001', iteration: 'prototype iteration 3', at: '2026-11-21T08:00:00.000Z' },
    }),
  ],
});

describe('GatePanel', () => {
  it('lists each criterion with its value, the CI bound judged, the target and whether it is met', () => {
    render(<GatePanel gate={twoCriteria} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [pil, trucks] = rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(pil).toEqual(['47\u00a0sCI 43\u201351\u00a0s', '51\u00a0supper CI bound', '\u2264 45\u00a0s', 'Not met', expect.stringContaining('prototype iteration 2')]);
    expect(trucks.slice(1, 4)).toEqual(['45.5\u00a0trucks/hlower CI bound', '\u2265 45\u00a0trucks/h', 'Met']);
    expect(within(rows[0]).getByRole('rowheader').textContent).toContain('value 47 misses the target (at most 45)');
  });

  it('links simulation evidence to its run', () => {
    render(<GatePanel gate={twoCriteria} />);
    expect(screen.getByRole('link', { name: 'run sim-001' }).getAttribute('href')).toMatch(/\/runs\/sim-001$/);
  });

  it('headlines the gate: ready, partly met, or without a further phase', () => {
    expect(gateHeadline(twoCriteria)).toBe('1 of 2 criteria met');
    expect(gateHeadline(gate({ ready: true, met: 1, total: 1 }))).toBe('Ready for pilot: all 1 criteria met');
    expect(gateHeadline(gate({ phase: 'production', next: null, criteria: [], total: 0 }))).toBe('In production: no further gate');
    render(<GatePanel gate={twoCriteria} />);
    expect(screen.getByText('Not ready')).toBeTruthy();
  });

  it('says what to do when no KPI has a target for the next phase', () => {
    render(<GatePanel gate={gate({ criteria: [], total: 0, met: 0 })} />);
    expect(screen.getByText('No criteria for the gate into pilot')).toBeTruthy();
    expect(screen.getByText(/No KPI has a target for pilot yet/).textContent).toContain('targets.pilot');
  });

  it('shows "No data" for a criterion without a measurement', () => {
    render(<GatePanel gate={gate({ criteria: [criterion({ value: null, ci95: null, bound: null, evidence: null, reason: 'no measurement yet' })] })} />);
    expect(screen.getByText('No data')).toBeTruthy();
    expect(screen.getByText('none yet')).toBeTruthy();
  });
});
