import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Interval } from '../api/types';
import { formatInterval, formatNumber, formatTime, formatValue } from '../format/format';
import { ChartBox, type TooltipState } from './chart-box';
import { AXIS_TICK, CHART } from './palette';
import { DOTS_UP_TO } from './trend-chart';

/** One instant of a fan chart: the forecast's bands and median (null outside the forecast), and what happened. */
export interface FanRow {
  /** Epoch ms. */
  t: number;
  pi95: Interval | null;
  pi80: Interval | null;
  median: number | null;
  /** The actual line; null where nothing was measured. */
  actual: number | null;
  /** Whether a measured bucket starts here: the line may pass through instants that are not one, without a dot. */
  hasActual: boolean;
}

const MINUTE = 60_000;

/** Ticks on the local clock (every 15, 30 min, 1, 2... h), at most about `most` of them. */
export function clockTicks(first: number, last: number, most = 8): number[] {
  if (!(last > first)) return [first];
  const step = [15, 30, 60, 120, 180, 360, 720].find((m) => (last - first) / (m * MINUTE) <= most) ?? 1440;
  const start = new Date(first);
  start.setSeconds(0, 0);
  // Round up to the step on the local clock (steps of an hour or more start on a whole hour).
  const minutesOfDay = start.getHours() * 60 + start.getMinutes();
  const up = Math.ceil(minutesOfDay / step) * step - minutesOfDay;
  const ticks: number[] = [];
  for (let t = start.getTime() + up * MINUTE; t <= last; t += step * MINUTE) if (t >= first) ticks.push(t);
  return ticks;
}

/**
 * A forecast fan: the 95% prediction interval as a light band, the 80% one darker, the median line,
 * and the actual line over both the past and the forecast window; a vertical line marks `now`.
 * The figure is named and described by the caller's heading and text (`labelledBy`, `describedBy`).
 */
export function FanChart({ rows, unit, now, labelledBy, describedBy, width, height = 240 }: {
  rows: readonly FanRow[];
  unit: string;
  now: number;
  labelledBy: string;
  describedBy: string;
  width?: number;
  height?: number;
}) {
  const first = rows[0]?.t ?? now;
  const last = rows[rows.length - 1]?.t ?? now;
  const many = rows.length > DOTS_UP_TO;
  return (
    <figure className="fan" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <ChartBox height={height} width={width}>
        <ComposedChart data={rows as FanRow[]} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[Math.min(first, now), Math.max(last, now)]} ticks={clockTicks(Math.min(first, now), Math.max(last, now))} tickFormatter={(t: number) => formatTime(t)} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v)} tickLine={false} axisLine={false} width={44} domain={[0, 'auto']} />
          <Tooltip content={(props) => <FanTooltip {...props} unit={unit} />} isAnimationActive={false} />
          <Area dataKey="pi95" name="95% interval" type="linear" stroke="none" fill={CHART.band} fillOpacity={0.12} isAnimationActive={false} activeDot={false} />
          <Area dataKey="pi80" name="80% interval" type="linear" stroke="none" fill={CHART.band} fillOpacity={0.28} isAnimationActive={false} activeDot={false} />
          <Line dataKey="median" name="Median forecast" type="linear" stroke={CHART.value} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="actual" name="Actual" type="linear" stroke={CHART.actual} strokeWidth={many ? 1.25 : 2} dot={many ? false : (props: { cx?: number; cy?: number; index?: number; payload?: FanRow }) => <ActualDot key={`dot-${props.index}`} {...props} />} isAnimationActive={false} />
          <ReferenceLine x={now} stroke={CHART.now} strokeDasharray="3 3" label={{ value: 'now', position: 'insideTopRight', fontSize: 10, fill: CHART.now }} />
        </ComposedChart>
      </ChartBox>
      {/* The key in HTML: recharts' legend draws both bands in the same colour. The figure's description says the same in words. */}
      <ul className="fan-legend" aria-hidden="true">
        <li><span className="fan-legend__swatch fan-legend__swatch--pi95" />95% interval</li>
        <li><span className="fan-legend__swatch fan-legend__swatch--pi80" />80% interval</li>
        <li><span className="fan-legend__line fan-legend__line--median" />Median forecast</li>
        <li><span className="fan-legend__line fan-legend__line--actual" />Actual</li>
      </ul>
    </figure>
  );
}

function ActualDot({ cx, cy, payload }: { cx?: number; cy?: number; payload?: FanRow }) {
  if (!payload?.hasActual || payload.actual === null || cx === undefined || cy === undefined) return <g />;
  return <circle cx={cx} cy={cy} r={2} fill={CHART.actual} />;
}

function FanTooltip({ active, payload, unit }: TooltipState & { unit: string }) {
  const row = active ? (payload?.[0]?.payload as FanRow | undefined) : undefined;
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{formatTime(row.t)}</div>
      {row.median !== null && <div>Median {formatValue(row.median, unit)}</div>}
      {row.pi80 && <div>80% {formatInterval(row.pi80, unit)}</div>}
      {row.pi95 && <div>95% {formatInterval(row.pi95, unit)}</div>}
      {row.hasActual && row.actual !== null && <div>Actual {formatValue(row.actual, unit)}</div>}
    </div>
  );
}
