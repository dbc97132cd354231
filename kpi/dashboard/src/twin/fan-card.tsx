import { useId } from 'react';
import type { TwinForecastView } from '../api/types';
import { FanChart } from '../charts/fan-chart';
import { Figures } from '../components/ui';
import { formatInterval, formatTime, formatValue } from '../format/format';
import { fanRows, type TwinFanRow, type TwinMetric } from './fan-rows';

/** One quantity's fan chart with its heading, a description for screen readers and the figures as a table. */
export function FanCard({ view, metric, title, unit, what, chartWidth }: { view: TwinForecastView; metric: TwinMetric; title: string; unit: string; what: string; chartWidth?: number }) {
  const id = useId();
  const rows = fanRows(view, metric);
  const now = Date.parse(view.state_at);
  return (
    <div className="trend-card fan-card">
      <div className="trend-card__header">
        <h3 className="trend-card__title" id={`${id}-title`}>
          {title}
        </h3>
        <span className="cell-sub">{unit}</span>
      </div>
      <p className="visually-hidden" id={`${id}-description`}>
        {describe(rows, now, unit, what)}
      </p>
      <FanChart rows={rows} unit={unit} now={now} labelledBy={`${id}-title`} describedBy={`${id}-description`} width={chartWidth} />
      <Figures id={`${id}-figures`}>
        <table className="table table--compact">
          <caption className="visually-hidden">{title}: forecast and actual by bucket ({unit})</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col" className="num">Ahead</th>
              <th scope="col" className="num">Median</th>
              <th scope="col" className="num">80% range</th>
              <th scope="col" className="num">95% range</th>
              <th scope="col" className="num">Actual</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.t} className={r.t === now ? 'is-now' : undefined}>
                <th scope="row">{formatTime(r.t)}</th>
                <td className="num">{r.minutesAhead === null ? '' : `${r.minutesAhead} min`}</td>
                <td className="num">{r.band ? formatValue(r.band.p50, unit) : '\u2014'}</td>
                <td className="num">{r.band ? formatInterval(r.band.pi80, unit) : '\u2014'}</td>
                <td className="num">{r.band ? formatInterval(r.band.pi95, unit) : '\u2014'}</td>
                <td className="num">{r.hasActual ? formatValue(r.measured, unit) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figures>
    </div>
  );
}

/** What the chart shows, in words: the forecast's start, middle and end, its peak, and the latest actual. */
function describe(rows: readonly TwinFanRow[], now: number, unit: string, what: string): string {
  const forecast = rows.filter((r) => r.band !== null);
  const measured = rows.filter((r) => r.hasActual && r.measured !== null);
  const parts = [`The ${what}.`];
  if (forecast.length === 0) parts.push('No forecast values.');
  else {
    const first = forecast[0];
    const last = forecast[forecast.length - 1];
    const peak = forecast.reduce((a, b) => ((b.band?.p50 ?? 0) > (a.band?.p50 ?? 0) ? b : a));
    parts.push(
      `Forecast from ${formatTime(now)}: median ${formatValue(first.band?.p50, unit)} (80% ${formatInterval(first.band?.pi80, unit)}) at first, ` +
        `${formatValue(last.band?.p50, unit)} (80% ${formatInterval(last.band?.pi80, unit)}) in the bucket from ${formatTime(last.t)}` +
        `${peak !== first && peak !== last ? `, highest ${formatValue(peak.band?.p50, unit)} from ${formatTime(peak.t)}` : ''}.`,
    );
  }
  if (measured.length > 0) {
    const latest = measured[measured.length - 1];
    parts.push(`Actual from ${formatTime(measured[0].t)}: latest ${formatValue(latest.measured, unit)} in the bucket from ${formatTime(latest.t)}.`);
  } else parts.push('No actual values yet.');
  return parts.join(' ');
}
