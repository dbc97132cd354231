import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrsBreakdown } from '../api/types';
import { formatDate, formatNumber, formatSeconds, formatShortDate, formatTime } from '../format/format';
import { ChartBox, legendText } from './chart-box';
import { AXIS_TICK, CHART } from './palette';

/** The segments that stack up to the PIL total, in process order. */
export function stackedSegments(trs: TrsBreakdown) {
  return trs.segments.filter((s) => s.stackedIn === 'pil-total');
}

/** Buckets that saw at least one completed stacked segment, as rows of mean seconds per segment. */
export function trsRows(trs: TrsBreakdown): Array<Record<string, number | string | null>> {
  const stacked = stackedSegments(trs);
  return trs.buckets
    .filter((b) => stacked.some((s) => (b.segments[s.name]?.n ?? 0) > 0))
    .map((b) => {
      const row: Record<string, number | string | null> = { start: b.start };
      for (const s of stacked) row[s.name] = b.segments[s.name]?.mean ?? null;
      return row;
    });
}

/** Time Release Study: the PIL's sub-segments stacked per hour or day (mean seconds). */
export function TrsChart({ trs, width }: { trs: TrsBreakdown; width?: number }) {
  const stacked = stackedSegments(trs);
  const rows = trsRows(trs);
  const label = (start: string) => (trs.bucket === 'hour' ? formatTime(start) : formatShortDate(start));
  return (
    <figure className="trs" aria-label={`Mean PIL segment times per ${trs.bucket}, stacked, from ${formatDate(trs.from)} to ${formatDate(trs.to)}`}>
      <ChartBox height={240} width={width}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="start" tickFormatter={label} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} minTickGap={12} />
          <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v)} tickLine={false} axisLine={false} width={44} unit=" s" />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(start) => (trs.bucket === 'hour' ? `${formatShortDate(String(start))} ${formatTime(String(start))}` : formatDate(String(start)))}
            formatter={(value) => formatSeconds(Number(value))}
            cursor={{ fill: 'rgba(31,95,174,0.06)' }}
          />
          <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          {stacked.map((s, i) => (
            <Bar key={s.name} dataKey={s.name} name={s.label} stackId="pil" fill={CHART.stack[i % CHART.stack.length]} isAnimationActive={false} maxBarSize={36} />
          ))}
        </BarChart>
      </ChartBox>
    </figure>
  );
}
