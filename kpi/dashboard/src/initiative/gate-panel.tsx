import type { Criterion, Gate } from '../api/types';
import { Badge, EmptyState } from '../components/ui';
import { formatDate, formatInterval, formatValue, PHASE_LABELS, PHASE_SHORT } from '../format/format';
import { Link, pathOf } from '../router/router';

export function gateHeadline(gate: Pick<Gate, 'next' | 'ready' | 'met' | 'total' | 'phase'>): string {
  if (!gate.next) return gate.phase === 'stopped' ? 'Stopped: no further gate' : 'In production: no further gate';
  if (gate.total === 0) return `No criteria for the gate into ${PHASE_SHORT[gate.next].toLowerCase()}`;
  if (gate.ready) return `Ready for ${PHASE_SHORT[gate.next].toLowerCase()}: all ${gate.total} criteria met`;
  return `${gate.met} of ${gate.total} ${gate.total === 1 ? 'criterion' : 'criteria'} met`;
}

const comparator = (c: Criterion) => (c.direction === 'lower' ? '\u2264' : '\u2265');

/** The gate out of the current phase: each criterion with its value, the bound judged, the target and the evidence. */
export function GatePanel({ gate }: { gate: Gate }) {
  if (!gate.next) {
    return <EmptyState title={gateHeadline(gate)}>{gate.phase === 'production' ? 'The initiative has passed every gate.' : 'The initiative was stopped at a gate; its decisions are kept below.'}</EmptyState>;
  }
  const nextName = PHASE_LABELS[gate.next].toLowerCase();
  if (gate.total === 0) {
    return (
      <EmptyState title={gateHeadline(gate)}>
        No KPI has a target for {nextName} yet. Give the KPIs a <code>targets.{gate.next}</code> (PATCH <code>/api/kpi/initiatives/:id/kpis/:key</code>) so the gate can be judged.
      </EmptyState>
    );
  }
  return (
    <div className="gate">
      <div className={`gate__summary ${gate.ready ? 'gate__summary--ready' : 'gate__summary--open'}`}>
        <Badge tone={gate.ready ? 'good' : 'warn'}>{gate.ready ? 'Ready' : 'Not ready'}</Badge>
        <span className="gate__headline">{gateHeadline(gate)}</span>
        <div className="gate__meter" aria-hidden="true">
          {Array.from({ length: gate.total }, (_, i) => (
            <span key={i} className={i < gate.met ? 'gate__pip gate__pip--met' : 'gate__pip'} />
          ))}
        </div>
      </div>
      <div className="table-wrap">
        <table className="table gate__table">
          <caption className="visually-hidden">Criteria of the gate into {nextName}</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" className="num">Latest</th>
              <th scope="col" className="num">Bound judged</th>
              <th scope="col" className="num">Target</th>
              <th scope="col">Met</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {gate.criteria.map((c) => (
              <tr key={c.kpi} className={c.met ? 'is-met' : 'is-unmet'}>
                <th scope="row">
                  <div className="cell-title">{c.name}</div>
                  <div className="cell-sub">{c.reason}</div>
                </th>
                <td className="num">
                  <div>{formatValue(c.value, c.unit)}</div>
                  {c.ci95 && <div className="cell-sub">CI {formatInterval(c.ci95, c.unit)}</div>}
                </td>
                <td className="num">
                  <div>{formatValue(c.bound, c.unit)}</div>
                  {c.ci95 && <div className="cell-sub">{c.direction === 'lower' ? 'upper' : 'lower'} CI bound</div>}
                </td>
                <td className="num">
                  {comparator(c)} {formatValue(c.target, c.unit)}
                </td>
                <td>
                  <Badge tone={c.met ? 'good' : c.value === null ? 'neutral' : 'bad'}>{c.met ? 'Met' : c.value === null ? 'No data' : 'Not met'}</Badge>
                </td>
                <td>
                  <Evidence criterion={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Evidence({ criterion }: { criterion: Criterion }) {
  const e = criterion.evidence;
  if (!e) return <span className="muted">none yet</span>;
  return (
    <div className="evidence">
      <div>
        <span className="source-tag">{e.source}</span> {e.iteration ?? ''}
      </div>
      <div className="cell-sub">
        {formatDate(e.at)}
        {criterion.n ? ` · n ${criterion.n}` : ''}
        {e.runId && (
          <>
            {' · '}
            <Link to={pathOf({ page: 'run', runId: e.runId })}>run {e.runId}</Link>
          </>
        )}
      </div>
    </div>
  );
}
