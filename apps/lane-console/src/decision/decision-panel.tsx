import { useEffect, useRef, useState } from 'react';
import { ApiError } from '@corridor/web';
import { decide, describeError, getPassage } from '../api/lanes-api';
import type { DecisionAction, Passage } from '../api/types';
import { DECISION_KEYS, useDecisionKeys } from './decision-keys';

const ACTIONS: Array<{ action: DecisionAction; label: string; hint: string }> = [
  { action: 'release', label: 'Release', hint: 'The truck goes' },
  { action: 'refer', label: 'Refer', hint: 'To secondary inspection' },
  { action: 'hold', label: 'Hold', hint: 'Keep at the booth' },
];

export interface DecisionOutcome {
  kind: 'decided' | 'conflict';
  passage: Passage;
  /** For a conflict: what the API said (who decided, when). */
  message?: string;
}

/**
 * The officer's one action: Release (R), Refer (F) or Hold (H), by click or key, with an
 * optional note. While a decision is posting the buttons are disabled and keys ignored; a 409
 * (another console decided first) is explained and the passage reloaded, not an error screen.
 */
export function DecisionPanel({ passage, onOutcome }: { passage: Passage; onOutcome: (outcome: DecisionOutcome) => void }) {
  const [posting, setPosting] = useState<DecisionAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const inFlight = useRef(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const decided = passage.decision !== null;
  // Releasing before the lane has finished its checks would skip them; refer and hold are always safe.
  const allowed = (action: DecisionAction) => !decided && (action !== 'release' || passage.recommendation !== null);

  useEffect(() => {
    setNote('');
    setError(null);
  }, [passage.id]);

  const run = async (action: DecisionAction) => {
    if (inFlight.current || !allowed(action)) return;
    inFlight.current = true;
    setPosting(action);
    setError(null);
    try {
      const view = await decide(passage.id, action, note);
      onOutcome({ kind: 'decided', passage: view });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const fresh = await getPassage(passage.id).catch(() => null);
        onOutcome({ kind: 'conflict', passage: fresh ?? passage, message: e.message });
      } else {
        setError(describeError(e));
      }
    } finally {
      inFlight.current = false;
      setPosting(null);
    }
  };

  useDecisionKeys(!decided, (action) => void run(action));

  return (
    <section className="decide" aria-labelledby="decide-title" ref={panelRef} tabIndex={-1}>
      <h2 id="decide-title" className="decide__title">Decision</h2>
      <div className="decide__buttons">
        {ACTIONS.map(({ action, label, hint }) => {
          const recommended = passage.recommendation === action;
          const hintText =
            action !== 'release' ? hint : passage.recommendation === null ? 'After the lane’s checks' : passage.recommendation === 'refer' ? 'Against the recommendation' : passage.recommendation === 'manual' ? 'Once you have checked' : hint;
          return (
            <button
              key={action}
              type="button"
              className={`decide__button decide__button--${action}${recommended ? ' is-recommended' : ''}`}
              onClick={() => void run(action)}
              disabled={posting !== null || !allowed(action)}
              aria-keyshortcuts={DECISION_KEYS[action]}
              aria-busy={posting === action || undefined}
            >
              <kbd className="decide__key" aria-hidden="true">{DECISION_KEYS[action]}</kbd>
              <span className="decide__label">
                {posting === action ? `${label}…` : label}
                <span className="decide__hint">{hintText}</span>
              </span>
              {recommended && <span className="decide__rec">Recommended</span>}
            </button>
          );
        })}
      </div>
      <label className="decide__note">
        <span>Note <span className="muted">(optional, sent with the decision)</span></span>
        <textarea
          ref={noteRef}
          value={note}
          rows={2}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              noteRef.current?.blur();
              panelRef.current?.focus();
            }
          }}
          placeholder="e.g. driver card checked by hand"
        />
        <span className="decide__note-hint muted">In the note: Alt+R / Alt+F / Alt+H decide, Esc leaves it.</span>
      </label>
      {error && (
        <p className="decide__error" role="alert">
          The decision was not recorded: {error}
        </p>
      )}
    </section>
  );
}
