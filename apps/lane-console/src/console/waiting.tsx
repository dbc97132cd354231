import type { Lane, Passage } from '../api/types';
import { between, clock, DECISION_LABEL, duration, percent, RECOMMENDATION_LABEL, score } from '../format/format';

/** Between trucks: the lane is quiet (or the last truck is pulling away). */
export function Waiting({ lane, connecting, last }: { lane: Lane; connecting: boolean; last: Passage | null }) {
  return (
    <section className="waiting" aria-labelledby="waiting-title">
      <p className="waiting__eyebrow">
        <span className={`waiting__pulse${connecting ? ' is-connecting' : ''}`} aria-hidden="true" />
        {connecting ? 'Connecting' : 'Lane clear · listening to its devices'}
      </p>
      <h2 id="waiting-title" className="waiting__title">
        {connecting ? `Connecting to lane ${lane.name}…` : `Waiting for the next truck on lane ${lane.name}…`}
      </h2>
      <p className="waiting__sub muted">
        The next passage opens here by itself as the RFID and plate readers see the truck.
      </p>
      <dl className="waiting__lane" aria-label="Lane settings">
        <div>
          <dt>Face-match threshold</dt>
          <dd>{score(lane.settings.faceMatchThreshold)}</dd>
        </div>
        <div>
          <dt>Plate confidence</dt>
          <dd>{percent(lane.settings.plateConfidenceThreshold)}</dd>
        </div>
        <div>
          <dt>Passage window</dt>
          <dd>{lane.settings.passageWindowSeconds} s</dd>
        </div>
        <div>
          <dt>Devices</dt>
          <dd>{lane.devices.map((d) => d.kind.toUpperCase()).join(' · ')}</dd>
        </div>
      </dl>
      {last && <LastDecision passage={last} />}
    </section>
  );
}

/** What the officer just did: the truck, the decision, and how long it took. */
export function LastDecision({ passage }: { passage: Passage }) {
  const decision = passage.decision;
  if (!decision) return null;
  const agreed = passage.recommendation === decision.action;
  return (
    <section className={`last last--${decision.action}`} aria-labelledby="last-title" data-testid="last-decision">
      <h2 id="last-title" className="last__eyebrow">Last decision</h2>
      <p className="last__action" role="status">
        {DECISION_LABEL[decision.action]}
      </p>
      <p className="last__truck">
        <span className="mono strong">{passage.plate ?? 'no plate read'}</span>
        {passage.carrier && <span> · {passage.carrier.name}</span>}
      </p>
      <dl className="facts facts--inline">
        <div>
          <dt>By</dt>
          <dd>
            {decision.by} at {clock(decision.at)}
          </dd>
        </div>
        <div>
          <dt>At booth</dt>
          <dd>{duration(between(passage.timings.firstReadAt, decision.at))}</dd>
        </div>
        <div>
          <dt>Lane said</dt>
          <dd>
            {passage.recommendation ? RECOMMENDATION_LABEL[passage.recommendation] : 'nothing yet'}
            {passage.recommendation && passage.recommendation !== 'manual' && <span className="muted"> ({agreed ? 'followed' : 'overridden'})</span>}
          </dd>
        </div>
        {decision.note && (
          <div>
            <dt>Note</dt>
            <dd>{decision.note}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
