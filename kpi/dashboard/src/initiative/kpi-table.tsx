import type { KpiView, TargetPhase } from '../api/types';
import { directionLabel, formatChange, formatDate, formatInterval, formatValue, PHASE_SHORT } from '../format/format';
import { kpiStatus } from './kpi-status';

const STATUS_TEXT = { met: 'Met', unmet: 'Not met', 'no-data': 'No data', 'no-target': '\u2014' } as const;

/** The KPI cards as one table: what the printed gate report shows. */
export function KpiTable({ kpis, next }: { kpis: readonly KpiView[]; next: TargetPhase | null }) {
  return (
    <table className="table kpi-table">
      <caption className="print-caption">Key performance indicators</caption>
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col" className="num">Baseline</th>
          <th scope="col" className="num">Latest</th>
          <th scope="col" className="num">95% CI</th>
          <th scope="col" className="num">Change</th>
          <th scope="col" className="num">{next ? `${PHASE_SHORT[next]} target` : 'Target'}</th>
          <th scope="col">Status</th>
          <th scope="col">Measured</th>
        </tr>
      </thead>
      <tbody>
        {kpis.map((k) => (
          <tr key={k.key}>
            <th scope="row" className="cell-title">
              {k.name}
            </th>
            <td className="num">{formatValue(k.baseline?.value, k.unit)}</td>
            <td className="num">{formatValue(k.latest?.value, k.unit)}</td>
            <td className="num">{formatInterval(k.latest?.ci95, k.unit)}</td>
            <td className="num">{formatChange(k.changeFromBaseline)}</td>
            <td className="num" title={directionLabel(k.direction)}>
              {k.nextTarget === null ? '\u2014' : `${k.direction === 'lower' ? '\u2264' : '\u2265'} ${formatValue(k.nextTarget, k.unit)}`}
            </td>
            <td className={kpiStatus(k) === 'unmet' ? 'status-unmet' : undefined}>{STATUS_TEXT[kpiStatus(k)]}</td>
            <td>
              {k.latest ? (
                <>
                  {formatDate(k.latest.at)}
                  <div className="cell-sub">
                    {k.latest.source}
                    {k.latest.n ? ` · n ${k.latest.n}` : ''}
                  </div>
                </>
              ) : (
                '\u2014'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
