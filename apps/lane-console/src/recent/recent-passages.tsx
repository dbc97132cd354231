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
            <col className="c-decision" />
            <col className="c-booth" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Plate</th>
              <th scope="col">Decision</th>
              <th scope="col" className="num" title="Time at the booth: first read to decision">Booth</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const overridden = p.decision && p.recommendation && p.recommendation !== 'manual' && p.recommendation !== p.decision.action;
              return (
                <tr key={p.id} className={p.id === currentId && !p.decision ? 'is-current' : undefined} data-passage={p.id}>
                  <td className="mono" title={clock(p.timings.firstReadAt)}>
                    {clock(p.timings.firstReadAt).slice(0, 5)}
                  </td>
                  <td className="mono strong" title={p.carrier?.name}>
                    {p.plate ?? '—'}
                  </td>
                  <td>
                    {p.decision ? (
                      <span className={`decision-tag decision-tag--${p.decision.action}`} title={`${DECISION_LABEL[p.decision.action]} by ${p.decision.by}${p.decision.note ? `: ${p.decision.note}` : ''}`}>
                        {SHORT_DECISION[p.decision.action]}
                      </span>
                    ) : (
                      <span className="muted">{p.id === currentId ? 'at booth' : 'undecided'}</span>
                    )}
                    {overridden && p.recommendation && (
                      <span className="override" title={`The lane recommended ${RECOMMENDATION_LABEL[p.recommendation].toLowerCase()}`}>
                        {' '}
                        ≠ {SHORT_RECOMMENDATION[p.recommendation].toLowerCase()}
                      </span>
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

const SHORT_DECISION = { release: 'Released', refer: 'Referred', hold: 'Held' } as const;

const SHORT_RECOMMENDATION = { release: 'Release', manual: 'Manual', refer: 'Refer' } as const;
