import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpiView, TargetPhase } from '../api/types';
import { formatNumber, formatValue, PHASE_SHORT } from '../format/format';
import { ChartBox, legendText, type TooltipState } from './chart-box';
import { AXIS_TICK, CHART } from './palette';

export interface ComparisonRow {
  key: string;
  name: string;
  unit: string;
  baseline: number;
  latest: number | null;
  target: number | null;
  raw: { baseline: number; latest: number | null; target: number | null };
}

/** KPIs in different units on one axis: each as a percentage of its own baseline (baseline = 100). */
export function comparisonRows(kpis: readonly KpiView[]): ComparisonRow[] {
  return kpis
    .filter((k) => k.baseline && k.baseline.value !== 0)
    .map((k) => {
      const base = (k.baseline as { value: number }).value;
      const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round((v / base) * 1000) / 10);
      return { key: k.key, name: k.name, unit: k.unit, baseline: 100, latest: pct(k.latest?.value), target: pct(k.nextTarget), raw: { baseline: base, latest: k.latest?.value ?? null, target: k.nextTarget } };
    });
}

export function BaselineComparison({ kpis, next, width }: { kpis: readonly KpiView[]; next: TargetPhase | null; width?: number }) {
  const rows = comparisonRows(kpis);
  const height = 56 + rows.length * 52;
  const max = Math.max(100, ...rows.flatMap((r) => [r.latest ?? 0, r.target ?? 0]));
  const top = Math.ceil((max * 1.05) / 25) * 25;
  const ticks = Array.from({ length: top / 25 + 1 }, (_, i) => i * 25).filter((t) => top <= 200 || t % 50 === 0);
  const targetName = next ? `${PHASE_SHORT[next]} target` : 'Target';
  return (
    <figure className="comparison" aria-label={`Latest value of each KPI as a percentage of its baseline, with the ${targetName.toLowerCase()}`}>
      <ChartBox height={height} width={width}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={1} barCategoryGap="22%">
          <CartesianGrid stroke={CHART.grid} horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} tickFormatter={(v: number) => `${v}%`} tickLine={false} axisLine={{ stroke: CHART.grid }} domain={[0, top]} ticks={ticks} />
          <YAxis type="category" dataKey="name" tick={{ ...AXIS_TICK, width: 150 }} width={160} tickLine={false} axisLine={false} interval={0} />
          <Tooltip content={(props) => <ComparisonTooltip {...props} targetName={targetName} />} cursor={{ fill: 'rgba(31,95,174,0.06)' }} isAnimationActive={false} />
          <Legend verticalAlign="top" align="right" iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12, paddingBottom: 6 }} formatter={legendText} />
          <ReferenceLine x={100} stroke={CHART.baseline} />
          <Bar dataKey="baseline" name="Baseline" fill="#c3cad5" isAnimationActive={false} barSize={10} />
          <Bar dataKey="latest" name="Latest" fill={CHART.latest} isAnimationActive={false} barSize={10} />
          <Bar dataKey="target" name={targetName} fill="#d7eee2" stroke={CHART.target} strokeWidth={1} strokeDasharray="3 2" isAnimationActive={false} barSize={10} />
        </BarChart>
      </ChartBox>
    </figure>
  );
}

function ComparisonTooltip({ active, payload, targetName }: TooltipState & { targetName: string }) {
  const row = active ? (payload?.[0]?.payload as ComparisonRow | undefined) : undefined;
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{row.name}</div>
      <div>Baseline {formatValue(row.raw.baseline, row.unit)}</div>
      <div>Latest {formatValue(row.raw.latest, row.unit)} {row.latest !== null && <span className="muted">({formatNumber(row.latest)}%)</span>}</div>
      <div>{targetName} {formatValue(row.raw.target, row.unit)}</div>
    </div>
  );
}
