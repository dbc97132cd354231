import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrsBreakdown } from '../api/types';
import { kpi, measurement } from '../testing/fixtures';
import { BaselineComparison, comparisonRows } from './baseline-comparison';
import { hourTicks, SeriesChart } from './series-chart';
import { TrsChart, trsRows } from './trs-chart';

const stats = (mean: number) => ({ n: 4, mean, p50: mean, p90: mean, min: mean, max: mean, sd: 1 });
const trs: TrsBreakdown = {
  bucket: 'hour', from: '2026-11-25T08:00:00Z', to: '2026-11-25T11:00:00Z', unit: 's', lane: null, open: {},
  segments: [
    { name: 'arrival-to-first-read', label: 'Arrival to first read', start: 'arrival', end: 'read', stackedIn: 'pil-total' },
    { name: 'first-read-to-recommendation', label: 'First read to recommendation', start: 'read', end: 'recommendation', stackedIn: 'pil-total' },
    { name: 'pil-total', label: 'PIL total', start: 'arrival', end: 'decision', stackedIn: null },
  ],
  buckets: [
    { start: '2026-11-25T08:00:00Z', end: '2026-11-25T09:00:00Z', segments: { 'arrival-to-first-read': stats(10), 'first-read-to-recommendation': stats(20), 'pil-total': stats(30) } },
    { start: '2026-11-25T09:00:00Z', end: '2026-11-25T10:00:00Z', segments: {} },
    { start: '2026-11-25T10:00:00Z', end: '2026-11-25T11:00:00Z', segments: { 'arrival-to-first-read': stats(12), 'first-read-to-recommendation': stats(18), 'pil-total': stats(30) } },
  ],
  totals: {},
};

describe('charts', () => {
  it('normalises KPIs in different units to their baselines', () => {
    const rows = comparisonRows([kpi(), kpi({ key: 'trucks', unit: 'trucks/h', baseline: { value: 38 }, latest: measurement({ value: 46 }), nextTarget: 45 }), kpi({ key: 'x', baseline: null })]);
    expect(rows.map((r) => [r.key, r.baseline, r.latest, r.target])).toEqual([['pil-time', 100, 52.2, 50], ['trucks', 100, 121.1, 118.4]]);
    const { container } = render(<BaselineComparison kpis={[kpi()]} next="pilot" width={500} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(3);
  });

  it('stacks the PIL sub-segments per bucket, skipping buckets without passages', () => {
    expect(trsRows(trs)).toEqual([
      { start: '2026-11-25T08:00:00Z', 'arrival-to-first-read': 10, 'first-read-to-recommendation': 20 },
      { start: '2026-11-25T10:00:00Z', 'arrival-to-first-read': 12, 'first-read-to-recommendation': 18 },
    ]);
    const { container } = render(<TrsChart trs={trs} width={500} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(4);
  });

  it('ticks simulated time on whole hours', () => {
    const rows = Array.from({ length: 33 }, (_, i) => ({ x: i * 900, q: i }));
    expect(hourTicks(rows)).toEqual([0, 3600, 7200, 10800, 14400, 18000, 21600, 25200, 28800]);
    const { container } = render(<SeriesChart title="Queue" rows={rows} keys={['q']} time="sim-seconds" unit="" width={500} />);
    // A smooth (monotone) line: one cubic segment between consecutive points.
    expect(container.querySelector('path.recharts-line-curve')?.getAttribute('d')?.match(/C/g)).toHaveLength(32);
    expect([...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map((t) => t.textContent).slice(0, 3)).toEqual(['0:00', '1:00', '2:00']);
  });
});
