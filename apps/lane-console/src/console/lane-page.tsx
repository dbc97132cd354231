import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type Principal } from '@corridor/web';
import { describeError, getLane } from '../api/lanes-api';
import type { Lane } from '../api/types';
import { CallPanel } from '../call/call-panel';
import { AppBar } from '../components/app-bar';
import { useNow } from '../components/use-now';
import { DecisionPanel, type DecisionOutcome } from '../decision/decision-panel';
import { LANE_TYPE_LABEL } from '../format/format';
import { rememberedLane, rememberLane } from '../lanes/remembered-lane';
import { PassageCard } from '../passage/passage-card';
import { RecentPassages } from '../recent/recent-passages';
import { Link, pathOf } from '../router/router';
import type { EventSourceFactory } from '../stream/passage-stream';
import { usePassageStream } from '../stream/use-passage-stream';
import { ConnectionStatus } from './connection-status';
import { Waiting } from './waiting';

/** One lane's booth: the truck at the booth live, the decision, and the lane's recent passages. */
export function LanePage({ laneId, principal, signOut, eventSource }: { laneId: string; principal: Principal; signOut: () => void; eventSource?: EventSourceFactory }) {
  const [lane, setLane] = useState<Lane | null>(null);
  const [laneError, setLaneError] = useState<{ notFound: boolean; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    setLane(null);
    setLaneError(null);
    getLane(laneId).then(
      (found) => {
        if (!current) return;
        setLane(found);
        rememberLane(found.id);
      },
      (e: unknown) => {
        if (!current) return;
        const notFound = e instanceof ApiError && e.status === 404;
        if (notFound && rememberedLane() === laneId) rememberLane(null);
        setLaneError({ notFound, message: notFound ? `There is no lane ${laneId}.` : describeError(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [laneId]);

  if (laneError) {
    return (
      <>
        <AppBar principal={principal} signOut={signOut} />
        <main className="page-message" id="content">
          <div className="notice notice--bad" role="alert">
            <h2>{laneError.notFound ? 'Unknown lane' : 'The lane could not be loaded'}</h2>
            <p>{laneError.message}</p>
            <Link to={pathOf({ page: 'lanes' })} className="btn">
              Choose a lane
            </Link>
          </div>
        </main>
      </>
    );
  }
  if (!lane) {
    return (
      <>
        <AppBar principal={principal} signOut={signOut} />
        <main className="page-message" id="content">
          <p className="muted" role="status">Opening lane {laneId}…</p>
        </main>
      </>
    );
  }
  return <Booth key={lane.id} lane={lane} principal={principal} signOut={signOut} eventSource={eventSource} />;
}

function Booth({ lane, principal, signOut, eventSource }: { lane: Lane; principal: Principal; signOut: () => void; eventSource?: EventSourceFactory }) {
  const { passage, status, show, retryNow } = usePassageStream(lane.id, eventSource);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const atBooth = passage && !passage.decision ? passage : null;
  const now = useNow(atBooth !== null);

  const onOutcome = useCallback(
    (o: DecisionOutcome) => {
      setOutcome(o);
      show(o.passage);
    },
    [show],
  );

  // A new truck: keys go to it straight away (focus on the booth area unless the officer is typing).
  const atBoothId = atBooth?.id;
  useEffect(() => {
    if (!atBoothId) return;
    setOutcome((o) => (o?.kind === 'conflict' && o.passage.id !== atBoothId ? null : o));
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement;
    if (!typing) mainRef.current?.focus({ preventScroll: true });
  }, [atBoothId]);

  const last = passage?.decision ? passage : outcome?.passage.decision ? outcome.passage : null;

  return (
    <>
      <AppBar principal={principal} signOut={signOut}>
        <div className="lane-id">
          <span className="lane-id__name">{lane.name}</span>
          <span className={`type-badge type-badge--${lane.type}`} title={LANE_TYPE_LABEL[lane.type]}>{lane.type}</span>
          <span className="lane-id__meta">
            {lane.booth} · <span className="mono">{lane.id}</span>
          </span>
          <Link to={pathOf({ page: 'lanes' })} className="app-bar__link">
            Change lane
          </Link>
        </div>
        <ConnectionStatus status={status} onRetry={retryNow} />
      </AppBar>
      <p className="visually-hidden" aria-live="polite">
        {atBooth ? `Truck ${atBooth.plate ?? 'without a plate read'} at the booth; recommendation ${atBooth.recommendation ?? 'pending'}` : ''}
      </p>
      {status.kind === 'offline' && (
        <div className="banner banner--bad" role="alert">
          <strong>Not connected to lane {lane.name}.</strong> {status.error} The console keeps trying; what is on screen may be out of date.
        </div>
      )}
      <main className="booth" id="content" ref={mainRef} tabIndex={-1} aria-label={`Lane ${lane.name}`}>
        <div className="booth__passage">
          {atBooth ? (
            <PassageCard passage={atBooth} lane={lane} now={now} />
          ) : (
            <Waiting lane={lane} connecting={passage === undefined && status.kind === 'connecting'} last={last} />
          )}
        </div>
        <aside className="booth__side" aria-label="Decision and recent passages">
          {outcome?.kind === 'conflict' && (
            <div className="notice notice--warn" role="alert">
              <strong>Already decided.</strong> Another console decided this truck first: {outcome.message}. Nothing was changed.
            </div>
          )}
          {atBooth ? (
            <>
              <DecisionPanel passage={atBooth} onOutcome={onOutcome} />
              <CallPanel laneId={lane.id} passage={atBooth} officerId={principal.id} />
            </>
          ) : (
            <section className="decide decide--idle" aria-label="Decision">
              <h2 className="decide__title">Decision</h2>
              <ul className="decide__legend" aria-label="Keys, with the next truck">
                <li>
                  <kbd>R</kbd>release
                </li>
                <li>
                  <kbd>F</kbd>refer
                </li>
                <li>
                  <kbd>H</kbd>hold
                </li>
              </ul>
            </section>
          )}
          <RecentPassages laneId={lane.id} version={passage ? `${passage.id}:${passage.revision}` : 'none'} currentId={passage?.id} />
        </aside>
      </main>
    </>
  );
}
