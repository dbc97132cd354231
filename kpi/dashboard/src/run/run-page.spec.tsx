import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../api/types';
import { mockApi } from '../testing/mock-api';
import { RunPage } from './run-page';

const run: RunView = {
  runId: 'sim-001', initiativeId: null, scenario: 'secure-corridor-pilot', iteration: 'prototype iteration 3', at: '2026-11-25T08:00:00Z',
  kpis: { 'pil-time': { mean: 44.1, ci95: [41.9, 46.3], unit: 's', n: 30 }, utilisation: { mean: 0.82, ci95: [0.79, 0.85], n: 30 } },
  series: Array.from({ length: 33 }, (_, i) => ({ t: i * 900, queueLength: i % 5, waitSeconds: 60 + (i % 7) * 10 })),
  meta: { replications: 30, seed: 42 }, publishedAt: '2026-11-25T09:00:00Z', publishedBy: 'engineer-1',
  measurements: [{ id: 'm', initiativeId: 'i', kpi: 'pil-time', value: 44.1, ci95: [41.9, 46.3], n: 30, unit: 's', source: 'simulation', runId: 'sim-001', iteration: null, at: '2026-11-25T08:00:00Z', note: null, recordedAt: '', recordedBy: '' }],
  unmatched: ['utilisation'],
};

describe('RunPage', () => {
  it('tabulates the KPIs with mean and CI and draws queue and wait over time', async () => {
    mockApi({ 'GET /api/kpi/runs/sim-001': run });
    render(<RunPage runId="sim-001" chartWidth={500} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toBe('Pil timepil-time44.1\u00a0s41.9–46.3\u00a0s2.2\u00a0s30KPI measurement');
    expect(rows[1]).toMatch(/run record only$/);
    const series = document.getElementById('run-series') as HTMLElement;
    expect(series.textContent).toContain('33 points, every 15 min');
    expect(within(series).getByRole('heading', { name: 'Queue length' })).toBeTruthy();
    expect(within(series).getByRole('heading', { name: 'Wait' })).toBeTruthy();
    expect(series.querySelectorAll('svg.recharts-surface path.recharts-line-curve')).toHaveLength(2);
  });

  it('says how to publish a series when the run has none', async () => {
    mockApi({ 'GET /api/kpi/runs/sim-001': { ...run, series: null } });
    render(<RunPage runId="sim-001" chartWidth={500} />);
    expect((await screen.findByText('This run has no series')).parentElement?.textContent).toContain('POST /api/kpi/runs');
  });

  it('reports a run that does not exist', async () => {
    mockApi({});
    render(<RunPage runId="nope" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load run nope');
  });
});
