import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatDateTime, formatNumber, formatTime } from '../format/format';
import { labelFromKey, type SeriesTime } from '../run/series';
import { ChartBox, legendText } from './chart-box';
import { AXIS_TICK, CHART } from './palette';
import { DOTS_UP_TO } from './trend-chart';

/** Lines of a run's series over simulated time (h:mm from the start) or clock time. */
export function SeriesChart({ title, rows, keys, time, unit, width, height = 220 }: {
  title: string;
  rows: ReadonlyArray<{ x: number } & Record<string, number>>;
  keys: readonly string[];
  time: SeriesTime;
  unit: string;
  width?: number;
  height?: number;
}) {
  const many = rows.length > DOTS_UP_TO;
  const ticks = time === 'sim-seconds' ? hourTicks(rows) : undefined;
  const tick = (x: number) => (time === 'sim-seconds' ? formatClock(x) : time === 'date' ? formatTime(x) : `#${x + 1}`);
  const label = (x: unknown) => (time === 'sim-seconds' ? `t = ${formatClock(Number(x))}` : time === 'date' ? formatDateTime(Number(x)) : `point ${Number(x) + 1}`);
  return (
    <figure className="series" aria-label={`${title}: ${keys.map(labelFromKey).join(', ')} over ${rows.length} points`}>
      <ChartBox height={height} width={width}>
        <LineChart data={rows as unknown as Array<Record<string, number>>} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} ticks={ticks} tickFormatter={tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} minTickGap={24} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v)} tickLine={false} axisLine={false} width={44} unit={unit ? ` ${unit}` : undefined} />
          <Tooltip isAnimationActive={false} labelFormatter={label} formatter={(value) => `${formatNumber(Number(value))}${unit ? ` ${unit}` : ''}`} />
          {keys.length > 1 && <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} formatter={legendText} />}
          {keys.map((key, i) => (
            <Line key={key} dataKey={key} name={labelFromKey(key)} type="monotone" stroke={CHART.series[i % CHART.series.length]} strokeWidth={many ? 1.25 : 2} dot={many ? false : { r: 2.5, strokeWidth: 0, fill: CHART.series[i % CHART.series.length] }} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ChartBox>
    </figure>
  );
}

/** Whole hours (or every 2, 4, 6... hours for a long run) of simulated time, at most ~10 ticks. */
export function hourTicks(rows: ReadonlyArray<{ x: number }>): number[] | undefined {
  if (rows.length < 2) return undefined;
  const first = rows[0].x;
  const last = rows[rows.length - 1].x;
  const hours = (last - first) / 3600;
  if (hours < 2) return undefined;
  const step = [1, 2, 3, 4, 6, 12, 24, 48, 168].find((s) => hours / s <= 10) ?? Math.ceil(hours / 10);
  const ticks: number[] = [];
  for (let t = Math.ceil(first / (step * 3600)) * step * 3600; t <= last; t += step * 3600) ticks.push(t);
  return ticks;
}
