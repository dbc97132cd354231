import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Direction, Interval, Measurement } from '../api/types';
import { formatDate, formatDateTime, formatInterval, formatNumber, formatShortDate, formatTime, formatValue } from '../format/format';
import { ChartBox, type TooltipState } from './chart-box';
import { AXIS_TICK, CHART } from './palette';

/** Past this many points a line shows no dots: 200 measurements stay a readable line. */
export const DOTS_UP_TO = 40;

export interface TrendPoint {
  t: number;
  value: number;
  band: Interval | null;
  m: Measurement;
}

export function trendPoints(measurements: readonly Measurement[]): TrendPoint[] {
  return measurements
    .map((m) => ({ t: Date.parse(m.at), value: m.value, band: m.ci95 ?? null, m }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
}

const DAY = 86_400_000;

/** Values over time, their 95% CI as a band, the next gate's target (dashed) and the baseline. */
export function TrendChart({ name, unit, direction, baseline, target, targetLabel = 'Target', measurements, width, height = 220 }: {
  name: string;
  unit: string;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  targetLabel?: string;
  measurements: readonly Measurement[];
  width?: number;
  height?: number;
}) {
  const points = trendPoints(measurements);
  const many = points.length > DOTS_UP_TO;
  const first = points[0]?.t ?? Date.now();
  const last = points[points.length - 1]?.t ?? first;
  const span = last - first;
  // One point (or one instant) still needs a visible x range.
  const domain: [number, number] = span > 0 ? [first, last] : [first - DAY, first + DAY];
  // Within two days the time of day tells points apart; over longer spans (or for one point) the date does.
  const tick = span > 0 && span <= 2 * DAY ? (t: number) => formatTime(t) : formatShortDate;
  const latest = points[points.length - 1];
  const summary = `${name}: ${points.length} measurements${points.length ? ` from ${formatDate(first)} to ${formatDate(last)}, latest ${formatValue(latest?.value, unit)}` : ''}` +
    `${target !== null ? `; ${targetLabel.toLowerCase()} ${formatValue(target, unit)}` : ''}${baseline !== null ? `; baseline ${formatValue(baseline, unit)}` : ''}; ${direction} is better.`;
  return (
    <figure className="trend" aria-label={summary}>
      <ChartBox height={height} width={width}>
        <ComposedChart data={points} margin={{ top: 12, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} minTickGap={28} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v)} tickLine={false} axisLine={false} width={44} domain={['auto', 'auto']} />
          <Tooltip content={(props) => <TrendTooltip {...props} unit={unit} />} isAnimationActive={false} />
          <Area dataKey="band" type="linear" stroke="none" fill={CHART.band} fillOpacity={0.14} isAnimationActive={false} activeDot={false} name="95% CI" connectNulls={false} />
          {baseline !== null && (
            <ReferenceLine y={baseline} stroke={CHART.baseline} strokeDasharray="2 3" ifOverflow="extendDomain" label={{ value: `Baseline ${formatNumber(baseline)}`, position: 'insideBottomLeft', fontSize: 10, fill: CHART.baseline }} />
          )}
          {target !== null && (
            <ReferenceLine y={target} stroke={CHART.target} strokeDasharray="6 4" strokeWidth={1.5} ifOverflow="extendDomain" label={{ value: `${targetLabel} ${formatNumber(target)}`, position: 'insideTopLeft', fontSize: 10, fill: CHART.target }} />
          )}
          <Line
            dataKey="value"
            type="linear"
            stroke={CHART.value}
            strokeWidth={many ? 1.25 : 2}
            dot={many ? false : { r: 3, fill: CHART.value, strokeWidth: 0 }}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
            name={name}
          />
        </ComposedChart>
      </ChartBox>
    </figure>
  );
}

function TrendTooltip({ active, payload, unit }: TooltipState & { unit: string }) {
  const point = active ? (payload?.[0]?.payload as TrendPoint | undefined) : undefined;
  if (!point) return null;
  const { m } = point;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{formatValue(m.value, unit)}</div>
      {m.ci95 && <div>95% CI {formatInterval(m.ci95, unit)}</div>}
      {m.n !== null && <div>n {m.n}</div>}
      <div className="muted">{formatDateTime(m.at)}</div>
      <div className="muted">
        {m.source}
        {m.iteration ? ` · ${m.iteration}` : ''}
        {m.runId ? ` · ${m.runId}` : ''}
      </div>
    </div>
  );
}
