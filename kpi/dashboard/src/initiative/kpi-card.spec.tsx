import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { kpi, measurement } from '../testing/fixtures';
import { KpiCard } from './kpi-card';
import { kpiStatus } from './kpi-status';

const card = () => screen.getByRole('article');

describe('KpiCard', () => {
  it('shows the latest value with its unit, CI, baseline and the next gate target', () => {
    render(<KpiCard kpi={kpi()} next="pilot" />);
    expect(screen.getByTestId('kpi-value').textContent).toBe('47\u00a0s');
    expect(card().textContent).toContain('95% CI 43\u201351\u00a0s · n 60');
    expect(within(card()).getByText('Baseline').nextSibling?.textContent).toBe('90\u00a0s');
    expect(within(card()).getByText('Pilot target').nextSibling?.textContent).toBe('\u2264 45\u00a0s');
    expect(card().textContent).toContain('prototype iteration 2');
  });

  it('shows a fall for a lower-is-better KPI as a green down arrow with the % change', () => {
    render(<KpiCard kpi={kpi()} next="pilot" />);
    const change = card().querySelector('.kpi-card__change') as HTMLElement;
    expect(change.textContent).toBe('\u2193\u221247.8% vs baseline');
    expect(change.className).toContain('tone-good');
    expect(change.getAttribute('aria-label')).toBe('down 47.8% from baseline, an improvement');
  });

  it('shows a fall for a higher-is-better KPI as a deterioration', () => {
    render(<KpiCard kpi={kpi({ direction: 'higher', baseline: { value: 38 }, nextTarget: 45, latest: measurement({ value: 30, ci95: null, unit: 'trucks/h' }), unit: 'trucks/h', changeFromBaseline: -0.2105 })} next="pilot" />);
    expect(card().querySelector('.kpi-card__change')?.className).toContain('tone-bad');
    expect(within(card()).getByText('Pilot target').nextSibling?.textContent).toBe('\u2265 45\u00a0trucks/h');
  });

  it.each([
    ['misses the target', kpi({ latest: measurement({ value: 47, ci95: null }) }), 'Not met'],
    ['meets it with the value but not with the CI upper bound', kpi({ latest: measurement({ value: 44, ci95: [40, 48] }) }), 'Not met'],
    ['meets it with the whole CI', kpi({ latest: measurement({ value: 42, ci95: [40, 45] }) }), 'Target met'],
    ['has no measurement yet', kpi({ latest: null, changeFromBaseline: null }), 'No data'],
    ['has no target at the next gate', kpi({ nextTarget: null }), 'No gate target'],
  ])('badges a KPI that %s', (_, value, badge) => {
    render(<KpiCard kpi={value} next="pilot" />);
    expect(within(card()).getByText(badge).className).toMatch(/badge--/);
  });

  it('follows the gate rule for higher-is-better KPIs: the CI lower bound must reach the target', () => {
    const base = { direction: 'higher' as const, nextTarget: 45 };
    expect(kpiStatus({ ...base, latest: measurement({ value: 46, ci95: [44, 48] }) })).toBe('unmet');
    expect(kpiStatus({ ...base, latest: measurement({ value: 46, ci95: [45, 48] }) })).toBe('met');
    expect(kpiStatus({ ...base, latest: measurement({ value: 45, ci95: null }) })).toBe('met');
  });

  it('shows a dash instead of a value when nothing was measured', () => {
    render(<KpiCard kpi={kpi({ latest: null, changeFromBaseline: null })} next="pilot" />);
    expect(screen.getByTestId('kpi-value').textContent).toBe('\u2014');
    expect(screen.getByLabelText('not measured')).toBeTruthy();
    expect(card().textContent).toContain('no measurement to compare yet');
  });
});
