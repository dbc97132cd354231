import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '../testing/mock-api';
import { criterion, gate } from '../testing/fixtures';
import { DecisionPanel, notReadyReasons } from './decision-panel';

const NOT_READY = 'the gate into pilot is not ready: 3 of 5 criteria met (pil-time: value 47 misses the target (at most 45); trucks: value 46 meets the target (at least 45) but the 95% CI lower bound 44 does not); decide no-go, or go with {override: true, note}';
const notReadyGate = gate({ met: 3, total: 5, criteria: [criterion(), criterion({ kpi: 'trucks', name: 'Trucks per lane-hour' })] });
const path = '/api/kpi/initiatives/i-1/advance';

describe('DecisionPanel', () => {
  it('reads the reasons out of a 409 "not ready" message', () => {
    expect(notReadyReasons(NOT_READY, notReadyGate)).toEqual({
      headline: 'The gate into pilot is not ready: 3 of 5 criteria met.',
      reasons: [
        { kpi: 'Trusted-truck PIL processing time', reason: 'value 47 misses the target (at most 45)' },
        { kpi: 'Trucks per lane-hour', reason: 'value 46 meets the target (at least 45) but the 95% CI lower bound 44 does not' },
      ],
    });
    expect(notReadyReasons('something else')).toEqual({ headline: 'something else', reasons: [] });
  });

  it('shows why a go was refused when the gate is not ready', async () => {
    const api = mockApi({ [`POST ${path}`]: () => json({ code: 'KPI.GATE_NOT_READY', message: NOT_READY }, 409) });
    const onDecided = vi.fn();
    render(<DecisionPanel initiativeId="i-1" gate={notReadyGate} onDecided={onDecided} />);
    fireEvent.click(screen.getByRole('button', { name: 'Go to pilot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm go' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The gate into pilot is not ready: 3 of 5 criteria met.');
    expect(alert.querySelectorAll('li')).toHaveLength(2);
    expect(alert.textContent).toContain('Trucks per lane-hour: value 46 meets the target');
    expect(api.calls[0].body).toEqual({ decision: 'go' });
    expect(onDecided).not.toHaveBeenCalled();
  });

  it('asks for a note before sending an override', () => {
    const api = mockApi({});
    render(<DecisionPanel initiativeId="i-1" gate={notReadyGate} onDecided={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Go to pilot' }));
    fireEvent.click(screen.getByLabelText(/^Override/));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm go (override)' }));
    expect(screen.getByRole('alert').textContent).toMatch(/A note is required to override/);
    expect(screen.getByLabelText('Note (required for an override)').getAttribute('aria-invalid')).toBe('true');
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('sends an override with its note and reports the move', async () => {
    const api = mockApi({ [`POST ${path}`]: { id: 'd-1', decision: 'go', override: true, stop: false, from: 'prototype', to: 'pilot', moved: true, phase: 'pilot', note: 'ministerial priority', by: 'm', at: '2026-11-25T10:00:00Z', evidence: notReadyGate } });
    const onDecided = vi.fn();
    render(<DecisionPanel initiativeId="i-1" gate={notReadyGate} onDecided={onDecided} />);
    fireEvent.click(screen.getByRole('button', { name: 'Go to pilot' }));
    fireEvent.click(screen.getByLabelText(/^Override/));
    fireEvent.change(screen.getByLabelText('Note (required for an override)'), { target: { value: 'ministerial priority' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm go (override)' }));
    expect((await screen.findByRole('status')).textContent).toBe('Go recorded (override): the initiative moved to pilot.');
    expect(api.calls[0].body).toEqual({ decision: 'go', note: 'ministerial priority', override: true });
    expect(onDecided).toHaveBeenCalledOnce();
  });

  it('records a no-go that stops the initiative', async () => {
    const api = mockApi({ [`POST ${path}`]: { id: 'd-2', decision: 'no-go', override: false, stop: true, from: 'prototype', to: 'stopped', moved: true, phase: 'stopped', note: null, by: 'm', at: '2026-11-25T10:00:00Z', evidence: notReadyGate } });
    render(<DecisionPanel initiativeId="i-1" gate={notReadyGate} onDecided={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'No-go' }));
    fireEvent.click(screen.getByLabelText('Stop the initiative'));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm no-go and stop' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No-go recorded: the initiative is stopped.'));
    expect(api.calls[0].body).toEqual({ decision: 'no-go', stop: true });
  });
});
