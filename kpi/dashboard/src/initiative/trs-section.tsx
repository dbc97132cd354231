import { useState } from 'react';
import { kpiApi } from '../api/kpi-api';
import { useResource } from '../api/use-resource';
import { TrsChart, trsRows } from '../charts/trs-chart';
import { EmptyState, ErrorPanel, Loading, Section } from '../components/ui';
import { formatSeconds } from '../format/format';

/** The Time Release Study breakdown from live lane and declaration events, per hour or per day. */
export function TrsSection({ chartWidth }: { chartWidth?: number }) {
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const trs = useResource(`trs:${bucket}`, () => kpiApi.trs(bucket));
  const toggle = (
    <div className="segmented" role="group" aria-label="Bucket">
      {(['hour', 'day'] as const).map((b) => (
        <button key={b} type="button" className="segmented__button" aria-pressed={bucket === b} onClick={() => setBucket(b)}>
          {b === 'hour' ? 'Last 24 h' : 'Last 30 days'}
        </button>
      ))}
    </div>
  );
  return (
    <Section id="trs" title="Time Release Study" description="Mean PIL segment times from live lane events, stacked per bucket." actions={toggle} className="no-print">
      {trs.status === 'loading' && <Loading what="the Time Release Study" />}
      {trs.status === 'error' && <ErrorPanel error={trs.error} what="the Time Release Study" onRetry={trs.reload} />}
      {trs.status === 'ready' &&
        (trsRows(trs.data).length === 0 ? (
          <EmptyState title={`No completed PIL passages in the ${bucket === 'hour' ? 'last 24 hours' : 'last 30 days'}`}>
            Lanes post <code>arrival</code>, <code>read</code>, <code>recommendation</code> and <code>decision</code> events to <code>POST /api/kpi/trs/events</code>; the
            segments appear here as passages complete.
          </EmptyState>
        ) : (
          <>
            <TrsChart trs={trs.data} width={chartWidth} />
            <table className="table table--compact">
              <caption className="visually-hidden">TRS segment totals</caption>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col" className="num">Mean</th>
                  <th scope="col" className="num">p50</th>
                  <th scope="col" className="num">p90</th>
                  <th scope="col" className="num">n</th>
                </tr>
              </thead>
              <tbody>
                {trs.data.segments
                  .filter((s) => (trs.data.totals[s.name]?.n ?? 0) > 0)
                  .map((s) => {
                    const t = trs.data.totals[s.name];
                    return (
                      <tr key={s.name} className={s.name === 'pil-total' ? 'is-total' : ''}>
                        <th scope="row">{s.label}</th>
                        <td className="num">{formatSeconds(t?.mean)}</td>
                        <td className="num">{formatSeconds(t?.p50)}</td>
                        <td className="num">{formatSeconds(t?.p90)}</td>
                        <td className="num">{t?.n}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </>
        ))}
    </Section>
  );
}
