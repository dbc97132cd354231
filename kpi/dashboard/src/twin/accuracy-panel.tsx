import { ApiError } from '@corridor/web';
import { useId } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { twinApi } from '../api/kpi-api';
import type { TwinAccuracy, TwinAccuracyReport } from '../api/types';
import { useResource } from '../api/use-resource';
import { ChartBox } from '../charts/chart-box';
import { AXIS_TICK, CHART } from '../charts/palette';
import { Badge, ErrorPanel, Figures, Loading, type Tone } from '../components/ui';
import { formatDateTime, formatNumber, formatSeconds, formatValue, plural } from '../format/format';

/** Coverage against its nominal share: within 10 points reads as calibrated. */
export function coverageVerdict(coverage: number | null, nominal: number): { tone: Tone; text: string } {
  if (coverage === null) return { tone: 'neutral', text: 'not scored' };
  if (coverage < nominal - 0.1) return { tone: 'warn', text: 'too narrow' };
  if (coverage > nominal + 0.1) return { tone: 'warn', text: 'too wide' };
  return { tone: 'good', text: 'about right' };
}

const percent = (share: number | null) => (share === null ? '\u2014' : `${formatNumber(share * 100, 0)}%`);

/** How well earlier forecasts did: errors by horizon, and how often their intervals held what happened. `version` reloads it (after a refresh). */
export function AccuracyPanel({ version, chartWidth }: { version: number; chartWidth?: number }) {
  const report = useResource(`twin-accuracy:${version}`, twinApi.accuracy);
  if (report.status === 'loading') return <Loading what="the accuracy report" />;
  if (report.status === 'error') {
    if (report.error instanceof ApiError && report.error.status === 404) {
      return <p className="muted accuracy__none">No forecast has been scored yet: each refresh scores the forecasts made before it, so the first report comes with the second refresh.</p>;
    }
    return <ErrorPanel error={report.error} what="the accuracy report" onRetry={report.reload} />;
  }
  return <AccuracyReportView report={report.data} chartWidth={chartWidth} />;
}

function AccuracyReportView({ report, chartWidth }: { report: TwinAccuracyReport; chartWidth?: number }) {
  const id = useId();
  const { overall } = report;
  const rows = report.by_horizon.filter((h) => h.wait_mae_s !== null);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const summary = first && last
    ? `Mean absolute error of the PIL wait forecast by minutes ahead: ${formatSeconds(first.wait_mae_s)} at ${first.minutes_ahead} min${last !== first ? `, ${formatSeconds(last.wait_mae_s)} at ${last.minutes_ahead} min` : ''}.`
    : 'No wait errors scored yet.';
  return (
    <>
      <p className="accuracy__meta">
        {plural(report.forecasts, 'forecast')} scored at {formatDateTime(report.scored_at)}, {plural(overall.n, 'bucket')} in all.
      </p>
      <div className="accuracy">
        <div className="accuracy__chart">
          <h3 className="trend-card__title" id={`${id}-title`}>
            PIL wait error by minutes ahead
          </h3>
          <p className="visually-hidden" id={`${id}-description`}>
            {summary}
          </p>
          <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`}>
            <ChartBox height={180} width={chartWidth}>
              <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={CHART.grid} vertical={false} />
                <XAxis dataKey="minutes_ahead" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(m: number) => `${m} min`} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: CHART.grid }} />
                <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatNumber(v)} tickLine={false} axisLine={false} width={44} unit=" s" domain={[0, 'auto']} />
                <Tooltip isAnimationActive={false} labelFormatter={(m) => `${String(m)} min ahead`} formatter={(v) => formatSeconds(Number(v))} />
                <Line dataKey="wait_mae_s" name="Wait MAE" type="linear" stroke={CHART.value} strokeWidth={2} dot={{ r: 3, strokeWidth: 0, fill: CHART.value }} isAnimationActive={false} />
              </LineChart>
            </ChartBox>
          </figure>
        </div>
        <dl className="accuracy__figures">
          <Coverage label="80% intervals held" coverage={overall.pi80_coverage} nominal={0.8} />
          <Coverage label="95% intervals held" coverage={overall.pi95_coverage} nominal={0.95} />
          <div className="accuracy__figure">
            <dt>Mean absolute error</dt>
            <dd>
              wait {formatSeconds(overall.wait_mae_s)} · queue {formatValue(overall.queue_mae, 'trucks')} · throughput {formatValue(overall.throughput_mae, 'trucks/h')}
            </dd>
          </div>
        </dl>
      </div>
      <Figures id={`${id}-figures`} show="Show the figures by horizon" hide="Hide the figures by horizon">
        <HorizonTable report={report} />
      </Figures>
    </>
  );
}

function Coverage({ label, coverage, nominal }: { label: string; coverage: number | null; nominal: number }) {
  const verdict = coverageVerdict(coverage, nominal);
  return (
    <div className="accuracy__figure">
      <dt>{label}</dt>
      <dd>
        <span className="accuracy__value">{percent(coverage)}</span> of outcomes <span className="muted">(nominal {percent(nominal)})</span> <Badge tone={verdict.tone}>{verdict.text}</Badge>
      </dd>
    </div>
  );
}

function HorizonTable({ report }: { report: TwinAccuracyReport }) {
  const cells = (a: TwinAccuracy) => (
    <>
      <td className="num">{a.n}</td>
      <td className="num">{formatValue(a.wait_mae_s, 's')}</td>
      <td className="num">{formatValue(a.queue_mae, 'trucks')}</td>
      <td className="num">{formatValue(a.throughput_mae, 'trucks/h')}</td>
      <td className="num">{percent(a.pi80_coverage)}</td>
      <td className="num">{percent(a.pi95_coverage)}</td>
    </>
  );
  return (
    <table className="table table--compact">
      <caption className="visually-hidden">Forecast accuracy by minutes ahead</caption>
      <thead>
        <tr>
          <th scope="col">Ahead</th>
          <th scope="col" className="num">Buckets</th>
          <th scope="col" className="num">Wait MAE</th>
          <th scope="col" className="num">Queue MAE</th>
          <th scope="col" className="num">Throughput MAE</th>
          <th scope="col" className="num">In 80%</th>
          <th scope="col" className="num">In 95%</th>
        </tr>
      </thead>
      <tbody>
        {report.by_horizon.map((h) => (
          <tr key={h.minutes_ahead}>
            <th scope="row">{h.minutes_ahead} min</th>
            {cells(h)}
          </tr>
        ))}
        <tr className="is-total">
          <th scope="row">All</th>
          {cells(report.overall)}
        </tr>
      </tbody>
    </table>
  );
}
