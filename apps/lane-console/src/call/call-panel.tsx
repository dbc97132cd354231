import { useState } from 'react';
import { describeError, postVoip } from '../api/lanes-api';
import type { Passage, VoipState } from '../api/types';
import { clock } from '../format/format';
import { callOf } from '../passage/checks';

const STATE_LABEL: Record<VoipState | 'none', string> = { none: 'No call', ringing: 'Ringing', connected: 'Connected', ended: 'Call ended' };

/**
 * The booth phone (VoIP) for this truck: its state from the passage's voip reads, and the
 * officer's controls. Each control posts a voip device event for the lane with the officer's id
 * and the passage id; the new state comes back through the live stream like any other read.
 */
export function CallPanel({ laneId, passage, officerId }: { laneId: string; passage: Passage; officerId: string }) {
  const call = callOf(passage);
  const [posting, setPosting] = useState<VoipState | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The state this console just asked for, shown until the stream confirms it. */
  const [asked, setAsked] = useState<{ state: VoipState; revision: number } | null>(null);
  const shown = asked && asked.revision === passage.revision ? asked.state : call.state;

  const send = async (state: VoipState) => {
    if (posting) return;
    setPosting(state);
    setError(null);
    try {
      await postVoip(laneId, state, officerId, passage.id);
      setAsked({ state, revision: passage.revision });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setPosting(null);
    }
  };

  return (
    <section className={`call call--${shown}`} aria-labelledby="call-title">
      <h2 id="call-title" className="call__title">Booth phone</h2>
      <div className="call__body">
        <p className="call__state" role="status" data-testid="call-state">
          <span className="call__dot" aria-hidden="true" />
          {STATE_LABEL[shown]}
          {call.since && shown === call.state && shown !== 'none' && (
            <span className="call__since">
              {' '}
              since {clock(call.since)}
              {call.officerId && ` · ${call.officerId}`}
            </span>
          )}
        </p>
        <div className="call__controls">
          {shown === 'ringing' && (
            <button type="button" className="btn btn--good" onClick={() => void send('connected')} disabled={posting !== null}>
              {posting === 'connected' ? 'Answering…' : 'Answer'}
            </button>
          )}
          {(shown === 'ringing' || shown === 'connected') && (
            <button type="button" className="btn btn--bad" onClick={() => void send('ended')} disabled={posting !== null}>
              {posting === 'ended' ? 'Hanging up…' : 'Hang up'}
            </button>
          )}
          {(shown === 'none' || shown === 'ended') && (
            <button type="button" className="btn" onClick={() => void send('ringing')} disabled={posting !== null}>
              {posting === 'ringing' ? 'Calling…' : 'Call the driver'}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="call__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
