import { ApiError } from '@corridor/web';
import { useEffect, useState } from 'react';
import { describeError, twinApi } from '../api/kpi-api';
import type { TwinBand, TwinForecastView } from '../api/types';
import { useResource } from '../api/use-resource';
import { EmptyState, ErrorPanel, Loading, Section } from '../components/ui';
import { formatDateTime, formatInterval, formatNumber, formatSeconds, formatSecondsRange, formatTime, formatValueParts } from '../format/format';
import { useSession } from '../session';
import { AccuracyPanel } from './accuracy-panel';
import { FanCard } from './fan-card';
import { METRICS } from './fan-rows';
import { WhatIfPanel } from './what-if-panel';

/** The crossing's digital twin: the latest forecast beside what happened, what-ifs from now, and how accurate earlier forecasts were. */
export function TwinPage({ chartWidth }: { chartWidth?: number }) {
  const forecast = useResource('twin-forecast', twinApi.forecast);
  const { canRunTwin } = useSession();
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  // A refresh scores the forecasts before it: the accuracy report reloads with it.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    document.title = 'Digital twin · Corridor KPI';
  }, []);

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      await twinApi.refresh();
      forecast.reload();
      setVersion((v) => v + 1);
    } catch (e) {
      setRefreshError(e instanceof ApiError && e.status === 422 ? `The twin could not refresh: ${e.message}.` : describeError(e));
    } finally {
      setRefreshing(false);
    }
  };

  const none = forecast.status === 'error' && forecast.error instanceof ApiError && forecast.error.status === 404;
  const refreshButton = canRunTwin && (
    <button type="button" className="button button--primary" onClick={refresh} disabled={refreshing}>
      {refreshing ? 'Refreshing…' : 'Refresh forecast now'}
    </button>
  );
  const refreshFailure = refreshError && (
    <p className="notice notice--error" role="alert">
      {refreshError}
    </p>
  );

  return (
    <article className="twin">
      <header className="page-header page-header--simple">
        <div className="page-header__main">
          <div className="eyebrow">
            <span className="phase-pill phase-pill--sim">Digital twin</span>
            <span>The crossing, simulated from its live state</span>
          </div>
          <h1 className="page-title">Crossing forecast</h1>
          <p className="page-lede">Queue, PIL wait and throughput over the next hours, with 80% and 95% prediction intervals, beside what actually happened.</p>
          {forecast.data && <ForecastFacts view={forecast.data} />}
        </div>
        {forecast.data && refreshButton && <div className="page-actions">{refreshButton}</div>}
      </header>

      {forecast.data && refreshFailure}
      {forecast.status === 'loading' && <Loading what="the forecast" />}
      {forecast.status === 'error' && !none && <ErrorPanel error={forecast.error} what="the forecast" onRetry={forecast.reload} />}
      {none && (
        <>
          <EmptyState
            title="No forecast yet"
            action={refreshButton || <span className="muted">An officer, engineer or manager can refresh it now; otherwise the service refreshes it on its schedule.</span>}
          >
            <p>
              The twin forecasts from the crossing&rsquo;s telemetry: it calibrates its model on recent passages (arrivals, PIL starts and ends) and simulates from the trucks queued now. It needs a few hours of
              telemetry first: the lanes record it as trucks pass, or it can be imported with <code>POST /api/twin/telemetry</code>.
            </p>
          </EmptyState>
          {refreshFailure}
        </>
      )}
      {forecast.data && <ForecastBody view={forecast.data} canRunTwin={canRunTwin} version={version} chartWidth={chartWidth} />}
    </article>
  );
}

function ForecastFacts({ view }: { view: TwinForecastView }) {
  const f = view.forecast;
  const lanes = Object.entries(f.lanes_open)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${n} ${type}`)
    .join(' · ');
  return (
    <dl className="facts">
      <div>
        <dt>State at (now)</dt>
        <dd>{formatDateTime(view.state_at)}</dd>
      </div>
      <div>
        <dt>Made</dt>
        <dd>{formatDateTime(view.made_at)}</dd>
      </div>
      <div>
        <dt>Horizon</dt>
        <dd>
          {formatNumber(view.hours)} h to {formatTime(Date.parse(view.state_at) + view.hours * 3_600_000)}, {f.bucket_minutes}-min buckets
        </dd>
      </div>
      <div>
        <dt>Replications</dt>
        <dd>{f.replications}</dd>
      </div>
      <div>
        <dt>Lanes open</dt>
        <dd>{lanes || 'none'}</dd>
      </div>
      <div>
        <dt>Scenario</dt>
        <dd className="mono">{f.scenario}</dd>
      </div>
    </dl>
  );
}

function SummaryStat({ label, band, unit, seconds = false }: { label: string; band: TwinBand | null; unit: string; seconds?: boolean }) {
  const parts = seconds ? { number: formatSeconds(band?.mean), unit: '' } : formatValueParts(band?.mean, unit);
  const range = band ? (seconds ? formatSecondsRange(band.pi80) : formatInterval(band.pi80, unit)) : null;
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        {parts.number}
        <span className="stat__unit">{parts.unit}</span>
      </dd>
      {range && <dd className="stat__range">80% {range}</dd>}
    </div>
  );
}

function ForecastBody({ view, canRunTwin, version, chartWidth }: { view: TwinForecastView; canRunTwin: boolean; version: number; chartWidth?: number }) {
  const { summary } = view.forecast;
  return (
    <>
      <dl className="stats twin__stats" aria-label={`Over the next ${formatNumber(view.hours)} h`}>
        <SummaryStat label={`Mean PIL wait, next ${formatNumber(view.hours)} h`} band={summary.wait_s} unit="s" seconds />
        <SummaryStat label="Mean queue" band={summary.queue_length} unit="trucks" />
        <SummaryStat label="Throughput" band={summary.throughput_per_hour} unit="trucks/h" />
      </dl>

      <Section
        id="twin-forecast"
        title="Forecast and actual"
        description={`The median forecast (line) with its 80% (darker) and 95% (lighter) prediction intervals over ${view.forecast.replications} replications; the actual from 3 h before now. Times are local.`}
      >
        <div className="fan-grid">
          {METRICS.map((m) => (
            <FanCard key={m.key} view={view} metric={m.key} title={m.title} unit={m.unit} what={m.what} chartWidth={chartWidth} />
          ))}
        </div>
      </Section>

      <Section id="twin-what-if" title="What if" description="Each action an officer in charge could take, simulated from the crossing now on the same random numbers, and the one that keeps the PIL wait under the target.">
        {canRunTwin ? <WhatIfPanel defaultHours={view.forecast.hours} /> : <p className="muted">What-ifs are for officers, engineers and managers.</p>}
      </Section>

      <Section id="twin-accuracy" title="Accuracy" description="Earlier forecasts scored against what happened: mean absolute error of the forecast mean, and how often the prediction intervals held the outcome.">
        <AccuracyPanel version={version} chartWidth={chartWidth} />
      </Section>
    </>
  );
}
