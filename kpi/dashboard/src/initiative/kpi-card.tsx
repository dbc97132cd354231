import type { KpiView, TargetPhase } from '../api/types';
import { Badge, type Tone } from '../components/ui';
import { directionLabel, formatChange, formatDate, formatInterval, formatValue, formatValueParts, isImprovement, PHASE_SHORT } from '../format/format';
import { kpiStatus, type KpiStatus } from './kpi-status';

const STATUS: Record<KpiStatus, { tone: Tone; label: string }> = {
  met: { tone: 'good', label: 'Target met' },
  unmet: { tone: 'bad', label: 'Not met' },
  'no-data': { tone: 'neutral', label: 'No data' },
  'no-target': { tone: 'neutral', label: 'No gate target' },
};

/** One KPI at a glance: latest value, change from baseline, the next gate's target and whether it is met. */
export function KpiCard({ kpi, next }: { kpi: KpiView; next: TargetPhase | null }) {
  const status = kpiStatus(kpi);
  const latest = kpi.latest;
  const change = kpi.changeFromBaseline;
  const improvement = isImprovement(kpi.direction, change);
  const trend = change === null ? null : change < 0 ? 'down' : change > 0 ? 'up' : 'flat';
  const arrow = trend === 'down' ? '\u2193' : trend === 'up' ? '\u2191' : '\u2192';
  const changeTone = improvement === null ? 'neutral' : improvement ? 'good' : 'bad';
  const comparator = kpi.direction === 'lower' ? '\u2264' : '\u2265';
  return (
    <article className={`kpi-card kpi-card--${status}`} aria-labelledby={`kpi-${kpi.key}`}>
      <h3 id={`kpi-${kpi.key}`} className="kpi-card__name" title={kpi.description ?? kpi.name}>
        {kpi.name}
      </h3>
      <div className="kpi-card__headline">
        <div className="kpi-card__value" data-testid="kpi-value">
          {latest ? (
            <>
              {formatValueParts(latest.value, kpi.unit).number}
              <span className="kpi-card__unit">{formatValueParts(latest.value, kpi.unit).unit}</span>
            </>
          ) : (
            <span className="muted" aria-label="not measured">{'\u2014'}</span>
          )}
        </div>
        <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
      </div>
      <div className="kpi-card__ci">
        {latest?.ci95 ? `95% CI ${formatInterval(latest.ci95, kpi.unit)}` : latest ? 'no CI' : '\u00a0'}
        {latest?.n ? ` · n ${latest.n}` : ''}
      </div>
      <div
        className={`kpi-card__change tone-${changeTone}`}
        aria-label={change === null ? 'no change from baseline yet' : `${trend} ${formatChange(Math.abs(change)).replace('+', '')} from baseline${improvement === null ? '' : improvement ? ', an improvement' : ', a deterioration'}`}
      >
        {change === null ? (
          <span className="kpi-card__nochange">no measurement to compare yet</span>
        ) : (
          <>
            <span aria-hidden="true" className="kpi-card__arrow">
              {arrow}
            </span>
            <span aria-hidden="true">{formatChange(change)} vs baseline</span>
          </>
        )}
      </div>
      <dl className="kpi-card__facts">
        <div>
          <dt>Baseline</dt>
          <dd>{kpi.baseline ? formatValue(kpi.baseline.value, kpi.unit) : '\u2014'}</dd>
        </div>
        <div>
          <dt>{next ? `${PHASE_SHORT[next]} target` : 'Target'}</dt>
          <dd title={directionLabel(kpi.direction)}>
            {kpi.nextTarget === null ? '\u2014' : `${comparator} ${formatValue(kpi.nextTarget, kpi.unit)}`}
          </dd>
        </div>
      </dl>
      <footer className="kpi-card__footer">{latest ? `${latest.iteration ?? latest.source} · ${formatDate(latest.at)}` : directionLabel(kpi.direction)}</footer>
    </article>
  );
}
