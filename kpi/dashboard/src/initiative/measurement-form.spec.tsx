import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { kpi, measurement } from '../testing/fixtures';
import { json, mockApi } from '../testing/mock-api';
import { MeasurementForm } from './measurement-form';

const kpis = [kpi(), kpi({ key: 'wait', name: 'PIL wait time', unit: 'min' })];
const path = 'POST /api/kpi/initiatives/i-1/measurements';

describe('MeasurementForm', () => {
  it('checks the value and both CI ends before sending', () => {
    const api = mockApi({});
    render(<MeasurementForm initiativeId="i-1" kpis={kpis} onRecorded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('CI low'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record measurement' }));
    expect(screen.getByText('Enter the measured value.')).toBeTruthy();
    expect(screen.getByText('Give both ends of the 95% CI, or neither.')).toBeTruthy();
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('shows the API error for the CI next to the CI inputs', async () => {
    mockApi({ [path]: () => json({ code: 'KPI.INVALID_MEASUREMENT', message: 'must contain the value (47)', field: 'ci95' }, 400) });
    render(<MeasurementForm initiativeId="i-1" kpis={kpis} onRecorded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Value (s)'), { target: { value: '47' } });
    fireEvent.change(screen.getByLabelText('CI low'), { target: { value: '48' } });
    fireEvent.change(screen.getByLabelText('CI high'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record measurement' }));
    expect((await screen.findByText('Must contain the value (47)')).closest('fieldset')?.textContent).toContain('95% CI');
    expect(screen.getByLabelText('CI low').getAttribute('aria-invalid')).toBe('true');
  });

  it('records a measurement of the chosen KPI in its unit', async () => {
    const api = mockApi({ [path]: () => json(measurement({ kpi: 'wait', value: 15.2, unit: 'min' }), 201) });
    const onRecorded = vi.fn();
    render(<MeasurementForm initiativeId="i-1" kpis={kpis} onRecorded={onRecorded} />);
    fireEvent.change(screen.getByLabelText('KPI'), { target: { value: 'wait' } });
    fireEvent.change(screen.getByLabelText('Value (min)'), { target: { value: '15.2' } });
    fireEvent.change(screen.getByLabelText('Sample size n'), { target: { value: '240' } });
    fireEvent.change(screen.getByLabelText('Measured at'), { target: { value: '2026-11-20T17:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record measurement' }));
    expect((await screen.findByRole('status')).textContent).toBe('Recorded 15.2\u00a0min for PIL wait time.');
    await waitFor(() => expect(onRecorded).toHaveBeenCalled());
    expect(api.calls[0].body).toEqual({ kpi: 'wait', value: 15.2, source: 'manual', n: 240, at: new Date('2026-11-20T17:00').toISOString() });
  });
});
