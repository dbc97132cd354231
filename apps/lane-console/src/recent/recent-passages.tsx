import { useEffect, useRef, useState } from 'react';
import { describeError, recentPassages } from '../api/lanes-api';
import type { Passage } from '../api/types';
import { between, clock, DECISION_LABEL, duration, RECOMMENDATION_LABEL } from '../format/format';

/**
 * The lane's last ten passages: when, which truck, what the lane recommended, what the officer
 * decided and how long the truck spent at the booth (first read to decision). Reloaded whenever
 * `version` changes (a new passage or revision on the stream, a decision).
 */
export function RecentPassages({ laneId, version, currentId }: { laneId: string; version: string; currentId?: string }) {
  const [rows, setRows] = useState<Passage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scheduled = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);
  const applied = useRef(0);

  useEffect(() => {
    // A burst of reads sends several revisions: one reload a moment after the first change sees
    // them all. Throttled rather than debounced, so a busy lane still refreshes.
    if (scheduled.current) return;
    scheduled.current = setTimeout(() => {
      scheduled.current = null;
      const ticket = ++asked.current;
      recentPassages(laneId, 10).then(
        (list) => {
          if (ticket < applied.current) return;
          applied.current = ticket;
          setRows(list);
          setError(null);
        },
        (e: unknown) => ticket >= applied.current && setError(describeError(e)),
      );
    }, 250);
  }, [laneId, version]);

  useEffect(
    () => () => {
      if (scheduled.current) clearTimeout(scheduled.current);
      scheduled.current = null;
    },
    [],
  );

  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="recent__title">Recent passages</h2>
      {error && <p className="tone-bad small" role="alert">Could not load the recent passages: {error}</p>}
      {rows === null && !error && <p className="muted">Loading…</p>}
      {rows && rows.length === 0 && <p className="muted">No trucks on this lane yet.</p>}
      {rows && rows.length > 0 && (
        <table className="recent__table">
          <colgroup>
            <col className="c-time" />
            <col className="c-plate" />
            <col className="c-lane" />
            <col className="c-decision" />
            <col className="c-booth" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Plate</th>
              <th scope="col" title="What the lane recommended">Lane</th>
              <th scope="col">Decision</th>
              <th scope="col" className="num" title="First read to decision">Booth</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const against = p.decision && p.recommendation && p.recommendation !== 'manual' && p.recommendation !== p.decision.action;
              return (
                <tr key={p.id} className={p.id === currentId ? 'is-current' : undefined} data-passage={p.id}>
                  <td className="mono">{clock(p.timings.firstReadAt)}</td>
                  <td className="mono strong">{p.plate ?? '—'}</td>
                  <td>{p.recommendation ? <span className={`dot dot--${p.recommendation}`}>{shortRec(p.recommendation)}</span> : <span className="muted">…</span>}</td>
                  <td>
                    {p.decision ? (
                      <span className={`decision-tag decision-tag--${p.decision.action}`} title={p.decision.note ?? `by ${p.decision.by}`}>
                        {DECISION_LABEL[p.decision.action].split(' ')[0]}
                        {against && <span className="decision-tag__override" title="Against the recommendation"> *</span>}
                      </span>
                    ) : (
                      <span className="muted">waiting</span>
                    )}
                  </td>
                  <td className="num mono">{p.decision ? duration(between(p.timings.firstReadAt, p.timings.decisionAt)) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function shortRec(rec: Passage['recommendation'] & string): string {
  return rec === 'refer' ? 'Refer' : RECOMMENDATION_LABEL[rec];
}
