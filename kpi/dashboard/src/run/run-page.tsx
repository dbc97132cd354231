import { useEffect } from 'react';
import { kpiApi } from '../api/kpi-api';
import type { RunView } from '../api/types';
import { useResource } from '../api/use-resource';
import { SeriesChart } from '../charts/series-chart';
import { EmptyState, ErrorPanel, Loading, Section } from '../components/ui';
import { formatDateTime, formatInterval, formatNumber, formatValue, plural } from '../format/format';
import { Link, pathOf } from '../router/router';
import { labelFromKey, parseSeries, unitFromKey, type ParsedSeries } from './series';

/** A published simulation run: its KPI summaries with CIs and its queue and wait series. */
export function RunPage({ runId, chartWidth }: { runId: string; chartWidth?: number }) {
  const run = useResource(`run:${runId}`, () => kpiApi.run(runId));
  const initiativeId = run.data?.initiativeId ?? null;
  const initiative = useResource(initiativeId ? `initiative:${initiativeId}` : null, () => kpiApi.initiative(initiativeId as string));

  useEffect(() => {
    document.title = `Run ${runId} · Corridor KPI`;
  }, [runId]);

  return (
    <article className="run">
      <nav className="breadcrumb no-print" aria-label="Breadcrumb">
        <Link to={pathOf({ page: 'portfolio' })}>Portfolio</Link>
        {initiativeId && (
          <>
            <span aria-hidden="true"> / </span>
            <Link to={pathOf({ page: 'initiative', id: initiativeId })}>{initiative.data?.name ?? 'Initiative'}</Link>
          </>
        )}
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Run {runId}</span>
      </nav>
      {run.status === 'loading' && <Loading what="the run" />}
      {run.status === 'error' && <ErrorPanel error={run.error} what={`run ${runId}`} onRetry={run.reload} />}
      {run.data && <RunDetail run={run.data} kpiNames={new Map(initiative.data?.kpis.map((k) => [k.key, k.name]) ?? [])} chartWidth={chartWidth} />}
    </article>
  );
}

function RunDetail({ run, kpiNames, chartWidth }: { run: RunView; kpiNames: Map<string, string>; chartWidth?: number }) {
  const series = parseSeries(run.series);
  const measured = new Set(run.measurements.map((m) => m.kpi));
  const kpis = Object.entries(run.kpis);
  const meta = run.meta ?? {};
  return (
    <>
      <header className="page-header page-header--simple">
        <div className="page-header__main">
          <div className="eyebrow">
            <span className="phase-pill phase-pill--sim">Simulation run</span>
            <span>Scenario: {run.scenario}</span>
          </div>
          <h1 className="page-title page-title--mono">{run.runId}</h1>
          <dl className="facts">
            {run.iteration && (
              <div>
                <dt>Iteration</dt>
                <dd>{run.iteration}</dd>
              </div>
            )}
            <div>
              <dt>Run at</dt>
              <dd>{formatDateTime(run.at)}</dd>
            </div>
            {meta.replications !== undefined && (
              <div>
                <dt>Replications</dt>
                <dd>{meta.replications}</dd>
              </div>
            )}
            {meta.seed !== undefined && (
              <div>
                <dt>Seed</dt>
                <dd>{String(meta.seed)}</dd>
              </div>
            )}
            <div>
              <dt>Published</dt>
              <dd>
                {formatDateTime(run.publishedAt)} by {run.publishedBy}
              </dd>
            </div>
          </dl>
        </div>
      </header>

      <Section id="run-kpis" title="KPIs" description="Means over the replications with their 95% confidence intervals.">
        {kpis.length === 0 ? (
          <EmptyState title="This run has no KPI summaries" />
        ) : (
          <table className="table">
            <caption className="visually-hidden">Run KPIs</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">Mean</th>
                <th scope="col" className="num">95% CI</th>
                <th scope="col" className="num">± half-width</th>
                <th scope="col" className="num">n</th>
                <th scope="col">Recorded as</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map(([name, k]) => (
                <tr key={name}>
                  <th scope="row">
                    <div className="cell-title">{kpiNames.get(name) ?? labelFromKey(name)}</div>
                    <div className="cell-sub mono">{name}</div>
                  </th>
                  <td className="num strong">{formatValue(k.mean, k.unit ?? '')}</td>
                  <td className="num">{formatInterval(k.ci95 ?? null, k.unit ?? '')}</td>
                  <td className="num">{k.ci95 ? formatValue((k.ci95[1] - k.ci95[0]) / 2, k.unit ?? '') : '\u2014'}</td>
                  <td className="num">{k.n ?? '\u2014'}</td>
                  <td>{measured.has(name) ? 'KPI measurement' : <span className="muted">run record only</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Series series={series} chartWidth={chartWidth} />
    </>
  );
}

/** The typical spacing of the points: "every 15 min". */
function cadence(series: ParsedSeries): string | null {
  if (series.time === 'index' || series.rows.length < 2) return null;
  const steps = series.rows.slice(1).map((r, i) => r.x - series.rows[i].x).sort((a, b) => a - b);
  const step = steps[Math.floor(steps.length / 2)] / (series.time === 'date' ? 1000 : 1);
  return step % 60 === 0 ? `every ${step / 60} min` : `every ${formatNumber(step)} s`;
}

function Series({ series, chartWidth }: { series: ParsedSeries; chartWidth?: number }) {
  if (series.rows.length === 0) {
    return (
      <Section id="run-series" title="Over time">
        <EmptyState title="This run has no series">
          The simulator keeps 15-minute points of queue length and wait with <code>--publish</code>; over HTTP, send them as <code>series: [{'{'}t, queueLength, waitTime{'}'}, …]</code> with <code>POST /api/kpi/runs</code>.
        </EmptyState>
      </Section>
    );
  }
  const every = cadence(series);
  const description = `${plural(series.rows.length, 'point')}${every ? `, ${every}` : ''}${series.time === 'sim-seconds' ? ', simulated time since the start (h:mm)' : ''}.`;
  const groups = [
    { id: 'queue', title: 'Queue length', keys: series.queue },
    { id: 'wait', title: 'Wait', keys: series.wait },
    { id: 'other', title: 'Other measures', keys: series.other },
  ].filter((g) => g.keys.length > 0);
  return (
    <Section id="run-series" title="Over time" description={description}>
      <div className="series-grid">
        {groups.map((g) => {
          const units = [...new Set(g.keys.map(unitFromKey))];
          const unit = units.length === 1 ? units[0] : '';
          return (
            <div key={g.id} className="trend-card">
              <div className="trend-card__header">
                <h3 className="trend-card__title">{g.title}</h3>
                {unit && <span className="cell-sub">{unit}</span>}
              </div>
              <SeriesChart title={g.title} rows={series.rows} keys={g.keys} time={series.time} unit={unit} width={chartWidth} />
            </div>
          );
        })}
      </div>
    </Section>
  );
}
