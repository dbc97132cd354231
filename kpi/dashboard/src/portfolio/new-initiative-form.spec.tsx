import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '../testing/mock-api';
import { NewInitiativeForm } from './new-initiative-form';

describe('NewInitiativeForm', () => {
  it('asks for a name before calling the API', () => {
    const api = mockApi({});
    render(<NewInitiativeForm onCreated={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create initiative' }));
    expect(screen.getAllByLabelText('Name')[0].getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Give the initiative a name.')).toBeTruthy();
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('puts every field error the API returns next to its input, KPI rows included', async () => {
    const api = mockApi({
      'POST /api/kpi/initiatives': () =>
        json({
          code: 'KPI.INVALID_INPUT', message: 'must be a slug', field: 'kpis[0].key',
          errors: [
            { field: 'kpis[0].key', message: 'kpis[0].key: must be a slug: lower-case letters and digits' },
            { field: 'kpis[0].targets.pilot', message: 'kpis[0].targets.pilot: must not be worse than the baseline (60)' },
          ],
        }, 400),
    });
    render(<NewInitiativeForm onCreated={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.change(screen.getAllByLabelText('Name')[0], { target: { value: 'e-CMR matching' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a KPI' }));
    // Row 1 stays blank and is not sent; row 2 is kpis[0] for the API.
    const row = screen.getByRole('group', { name: 'KPI 2' });
    fireEvent.change(within(row).getByLabelText('Key'), { target: { value: 'Match Rate' } });
    fireEvent.change(within(row).getByLabelText('Unit'), { target: { value: '%' } });
    fireEvent.change(within(row).getByLabelText('Better when'), { target: { value: 'higher' } });
    fireEvent.change(within(row).getByLabelText('Baseline'), { target: { value: '60' } });
    fireEvent.change(within(row).getByLabelText('Pilot target'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create initiative' }));

    await waitFor(() => expect(within(row).getByLabelText('Key').getAttribute('aria-invalid')).toBe('true'));
    expect(within(row).getByText('Must be a slug: lower-case letters and digits')).toBeTruthy();
    expect(within(row).getByLabelText('Pilot target').getAttribute('aria-describedby')).toBe(within(row).getByText('Must not be worse than the baseline (60)').id);
    expect(api.calls[0].body).toEqual({ name: 'e-CMR matching', phase: 'poc', kpis: [{ key: 'Match Rate', unit: '%', direction: 'higher', baseline: { value: 60 }, targets: { pilot: 50 } }] });
  });

  it('hands the created initiative back', async () => {
    mockApi({ 'POST /api/kpi/initiatives': () => json({ id: 'new-1', name: 'e-CMR matching' }, 201) });
    const onCreated = vi.fn();
    render(<NewInitiativeForm onCreated={onCreated} onCancel={vi.fn()} />);
    fireEvent.change(screen.getAllByLabelText('Name')[0], { target: { value: 'e-CMR matching' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create initiative' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ id: 'new-1', name: 'e-CMR matching' }));
  });
});
