import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { series } from '../testing/fixtures';
import { TrendChart } from './trend-chart';

const props = { name: 'PIL time', unit: 's', direction: 'lower' as const, baseline: 90, target: 45, targetLabel: 'Pilot target', width: 600, height: 220 };

describe('TrendChart', () => {
  afterEach(cleanup);

  it('draws the series as an svg line with dots while there are few points', () => {
    const { container } = render(<TrendChart {...props} measurements={series(8)} />);
    const svg = container.querySelector('svg.recharts-surface');
    expect(svg).toBeTruthy();
    const line = container.querySelector('.recharts-line path.recharts-line-curve');
    expect(line?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){7}$/);
    expect(container.querySelectorAll('.recharts-line-dots circle')).toHaveLength(8);
  });

  it('keeps 200 measurements readable: a thin line without dots', () => {
    const { container } = render(<TrendChart {...props} measurements={series(200)} />);
    const line = container.querySelector('.recharts-line path.recharts-line-curve');
    expect(line?.getAttribute('d')?.split('L')).toHaveLength(200);
    expect(line?.getAttribute('stroke-width')).toBe('1.25');
    expect(container.querySelectorAll('.recharts-line-dots circle')).toHaveLength(0);
  });

  it('shades the 95% CI band and marks the target and the baseline', () => {
    const { container } = render(<TrendChart {...props} measurements={series(8)} />);
    expect(container.querySelector('.recharts-area path.recharts-area-area')?.getAttribute('d')).toBeTruthy();
    expect(container.querySelectorAll('.recharts-reference-line line')).toHaveLength(2);
    const labels = [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Baseline 90', 'Pilot target 45']));
    expect(container.querySelector('.recharts-reference-line line[stroke-dasharray="6 4"]')).toBeTruthy();
  });

  it('describes the chart for screen readers', () => {
    const { container } = render(<TrendChart {...props} measurements={series(3)} />);
    expect(container.querySelector('figure')?.getAttribute('aria-label')).toMatch(/PIL time: 3 measurements from .* latest .*; pilot target 45\u00a0s; baseline 90\u00a0s; lower is better/);
  });
});
