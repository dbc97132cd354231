import { useEffect, useMemo, useState } from 'react';
import { describeError, downloadCsv, kpiApi } from '../api/kpi-api';
import type { InitiativeView, Measurement } from '../api/types';
import { useResource } from '../api/use-resource';
import { BaselineComparison, comparisonRows } from '../charts/baseline-comparison';
import { TrendChart } from '../charts/trend-chart';
import { PhaseStepper } from '../components/phase-stepper';
import { ScheduleBar } from '../components/schedule-bar';
import { EmptyState, ErrorPanel, Loading, Section } from '../components/ui';
import { formatDate, formatDateTime, PHASE_LABELS, PHASE_SHORT, plural } from '../format/format';
import { Link, pathOf } from '../router/router';
import { useSession } from '../session';
import { DecisionPanel } from './decision-panel';
import { GatePanel } from './gate-panel';
import { GateTimeline } from './gate-timeline';
import { KpiCard } from './kpi-card';
import { KpiTable } from './kpi-table';
import { MeasurementForm } from './measurement-form';
import { TrsSection } from './trs-section';

/** One initiative: KPIs, the gate with its decision, trends, TRS, the timeline and the forms. */
export function InitiativePage({ id, chartWidth }: { id: string; chartWidth?: number }) {
  const initiative = useResource(`initiative:${id}`, () => kpiApi.initiative(id));
  const gate = useResource(`gate:${id}`, () => kpiApi.gate(id));
  const decisions = useResource(`decisions:${id}`, () => kpiApi.decisions(id));
  const measurements = useResource(`measurements:${id}`, () => kpiApi.measurements(id));
  const runs = useResource(`runs:${id}`, () => kpiApi.runs(id));
  const { principal, isManager, canMeasure } = useSession();

  useEffect(() => {
    if (initiative.data) document.title = `${initiative.data.name} · Corridor KPI`;
  }, [initiative.data]);

  if (initiative.status === 'loading') return <Loading what="the initiative" />;
  if (!initiative.data) {
    return (
      <>
        <Breadcrumb name="Initiative" />
        <ErrorPanel error={initiative.error} what="the initiative" onRetry={initiative.reload} />
      </>
    );
  }
  const view = initiative.data;
  const refreshMeasures = () => {
    initiative.reload();
    gate.reload();
    measurements.reload();
  };
  const refreshDecision = () => {
    initiative.reload();
    gate.reload();
    decisions.reload();
  };
  const next = view.gate.next;

  return (
    <article className="initiative">
      <Breadcrumb name={view.name} />
      {initiative.status === 'error' && <ErrorPanel error={initiative.error} what="the latest figures" onRetry={initiative.reload} />}
      <PrintHeader view={view} by={principal.id} />
      <header className="page-header">
        <div className="page-header__main">
          <div className="eyebrow">
            <span className={`phase-pill phase-pill--${view.phase}`}>{PHASE_LABELS[view.phase]}</span>
            <span>Owner: {view.owner}</span>
          </div>
          <h1 className="page-title">{view.name}</h1>
          {view.description && <p className="page-lede">{view.description}</p>}
        </div>
        <div className="page-header__side">
          <div className="page-actions no-print">
            <CsvButton id={view.id} />
            <button type="button" className="button" onClick={() => window.print()}>
              Print gate report
            </button>
          </div>
          <PhaseStepper phase={view.phase} reached={view.phaseHistory.map((s) => s.phase)} />
          <ScheduleBar schedule={view.schedule} />
        </div>
      </header>

      <Section id="kpis" title="Key performance indicators" description={next ? `Latest measurements against the targets of the gate into ${PHASE_LABELS[next].toLowerCase()}.` : 'Latest measurements against their baselines.'} className="kpis-section">
        {view.kpis.length === 0 ? (
          <EmptyState title="No KPIs defined yet">
            The method sets KPIs at the onset: define them with <code>POST /api/kpi/initiatives/{view.id}/kpis</code> ({'{'}key, unit, direction, baseline, targets{'}'}).
          </EmptyState>
        ) : (
          <>
            <div className="kpi-grid screen-only">
              {view.kpis.map((k) => (
                <KpiCard key={k.key} kpi={k} next={next} />
              ))}
            </div>
            <div className="print-only">
              <KpiTable kpis={view.kpis} next={next} />
            </div>
          </>
        )}
      </Section>

      <Section
        id="gate"
        title={next ? `Gate into ${PHASE_LABELS[next].toLowerCase()}` : 'Gate'}
        description={next ? `Every KPI with a ${PHASE_SHORT[next].toLowerCase()} target must meet it on its latest measurement; with a 95% CI, its least favourable bound must meet it too.` : undefined}
        className="gate-section"
      >
        {gate.status === 'loading' && <Loading what="the gate" />}
        {gate.status === 'error' && <ErrorPanel error={gate.error} what="the gate" onRetry={gate.reload} />}
        {gate.data && (
          <>
            <GatePanel gate={gate.data} />
            {isManager && view.phase !== 'stopped' && <DecisionPanel initiativeId={view.id} gate={gate.data} onDecided={refreshDecision} />}
          </>
        )}
      </Section>

      <Section id="trends" title="Trends" description="Each KPI over time: the line is the measured value, the band its 95% CI; dashed: the next gate's target, dotted: the baseline." className="no-print">
        {measurements.status === 'loading' && <Loading what="the measurements" />}
        {measurements.status === 'error' && <ErrorPanel error={measurements.error} what="the measurements" onRetry={measurements.reload} />}
        {measurements.data && <Trends view={view} measurements={measurements.data} canMeasure={canMeasure} chartWidth={chartWidth} />}
      </Section>

      <div className="two-col no-print">
        <Section id="comparison" title="Baseline vs latest" description="Each KPI as a percentage of its own baseline, so different units share one scale.">
          {comparisonRows(view.kpis).some((r) => r.latest !== null) ? (
            <BaselineComparison kpis={view.kpis} next={next} width={chartWidth} />
          ) : (
            <EmptyState title="Nothing to compare yet">The comparison appears once a KPI with a baseline has a measurement.</EmptyState>
          )}
        </Section>
        <TrsSection chartWidth={chartWidth} />
      </div>

      <div className="two-col">
        <div className="stack">
          <Section id="timeline" title="Gate timeline" description="Phases and every go / no-go decision, with who took it and why." className="timeline-section">
            {decisions.status === 'loading' && <Loading what="the decisions" />}
            {decisions.status === 'error' && <ErrorPanel error={decisions.error} what="the decisions" onRetry={decisions.reload} />}
            {decisions.data && (
              <>
                <GateTimeline history={view.phaseHistory} decisions={decisions.data} />
                {decisions.data.length === 0 && <p className="muted small">No gate decision has been taken yet.</p>}
              </>
            )}
          </Section>
          <Section id="runs" title="Simulation runs" description="Published runs of this initiative's scenarios, newest first." className="no-print">
            {runs.status === 'loading' && <Loading what="the runs" />}
            {runs.status === 'error' && <ErrorPanel error={runs.error} what="the runs" onRetry={runs.reload} />}
            {runs.data &&
              (runs.data.length === 0 ? (
                <EmptyState title="No simulation runs published">
                  Publish one with <code>npm run sim -- run FILE --publish {view.id}</code>.
                </EmptyState>
              ) : (
                <ul className="run-list">
                  {runs.data.slice(0, 8).map((r) => (
                    <li key={r.runId}>
                      <Link to={pathOf({ page: 'run', runId: r.runId })}>run {r.runId}</Link>
                      <span className="cell-sub">
                        {r.scenario}
                        {r.iteration ? ` · ${r.iteration}` : ''} · {formatDate(r.at)} · {plural(Object.keys(r.kpis).length, 'KPI')}
                      </span>
                    </li>
                  ))}
                </ul>
              ))}
          </Section>
        </div>
        {canMeasure && view.kpis.length > 0 && (
          <Section id="record" title="Record a measurement" description="A manual measurement of one KPI; simulation runs and TRS feeds add theirs automatically." className="no-print">
            <MeasurementForm initiativeId={view.id} kpis={view.kpis} onRecorded={refreshMeasures} />
          </Section>
        )}
      </div>
      <PrintSignOff />
    </article>
  );
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb no-print" aria-label="Breadcrumb">
      <Link to={pathOf({ page: 'portfolio' })}>Portfolio</Link>
      <span aria-hidden="true"> / </span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

function Trends({ view, measurements, canMeasure, chartWidth }: { view: InitiativeView; measurements: Measurement[]; canMeasure: boolean; chartWidth?: number }) {
  const byKpi = useMemo(() => {
    const map = new Map<string, Measurement[]>();
    for (const m of measurements) map.set(m.kpi, [...(map.get(m.kpi) ?? []), m]);
    return map;
  }, [measurements]);
  if (measurements.length === 0) {
    return (
      <EmptyState title="No measurements yet">
        <p>
          {canMeasure ? 'Record one with the form below, ' : 'Ask a manager or engineer to record one, '}or publish a simulation run to this initiative:
        </p>
        <pre className="command">npm run sim -- run FILE --publish {view.id}</pre>
      </EmptyState>
    );
  }
  const next = view.gate.next;
  return (
    <div className="trend-grid">
      {view.kpis.map((k) => {
        const list = byKpi.get(k.key) ?? [];
        return (
          <div key={k.key} className="trend-card">
            <div className="trend-card__header">
              <h3 className="trend-card__title">{k.name}</h3>
              <span className="cell-sub">
                {plural(list.length, 'measurement')} · {k.unit}
              </span>
            </div>
            {list.length === 0 ? (
              <EmptyState title="No measurements of this KPI yet" />
            ) : (
              <TrendChart name={k.name} unit={k.unit} direction={k.direction} baseline={k.baseline?.value ?? null} target={k.nextTarget} targetLabel={next ? `${PHASE_SHORT[next]} target` : 'Target'} measurements={list} width={chartWidth} />
            )}
          </div>
        );
      })}
    </div>
  );
}

function CsvButton({ id }: { id: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = async () => {
    setState({ busy: true, error: null });
    try {
      await downloadCsv(id);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  };
  return (
    <>
      <a
        className="button"
        href={kpiApi.csvPath(id)}
        onClick={(e) => {
          e.preventDefault();
          void run();
        }}
        aria-busy={state.busy}
      >
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </a>
      {state.error && (
        <span className="field__error" role="alert">
          {state.error}
        </span>
      )}
    </>
  );
}

/** Only on paper: what the report is, when it was printed and by whom. */
function PrintHeader({ view, by }: { view: InitiativeView; by: string }) {
  const next = view.gate.next;
  return (
    <div className="print-only print-header">
      <div className="print-header__brand">Corridor · Gate report</div>
      <div className="print-header__meta">
        {PHASE_LABELS[view.phase]}
        {next ? ` \u2192 ${PHASE_LABELS[next].toLowerCase()}` : ''} · day {view.daysInPhase}
        {view.plannedDays ? ` of ${view.plannedDays.min}\u2013${view.plannedDays.max} planned` : ''} · printed {formatDateTime(new Date().toISOString())} by {by}
      </div>
    </div>
  );
}

function PrintSignOff() {
  return (
    <div className="print-only sign-off">
      <div>Decision: ☐ Go ☐ No-go ☐ Stop</div>
      <div>Name and signature: ______________________</div>
      <div>Date: ____________</div>
    </div>
  );
}

