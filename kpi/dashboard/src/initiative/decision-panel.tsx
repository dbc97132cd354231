import { useId, useState, type FormEvent } from 'react';
import { describeError, FormError, kpiApi } from '../api/kpi-api';
import type { Decision, Gate } from '../api/types';
import { Field, fieldAria } from '../components/ui';
import { PHASE_SHORT } from '../format/format';

/** Why a go was refused, read from the 409's message: "…: 3 of 5 criteria met (key: reason; key: reason); decide no-go…". */
export function notReadyReasons(message: string, gate?: Pick<Gate, 'criteria'>): { headline: string; reasons: Array<{ kpi: string; reason: string }> } {
  const match = /^(.*?): (\d+ of \d+ criteria met) \((.*)\); decide/.exec(message);
  if (!match) return { headline: message, reasons: [] };
  const nameOf = (key: string) => gate?.criteria.find((c) => c.kpi === key)?.name ?? key;
  const reasons = match[3].split('; ').map((part) => {
    const at = part.indexOf(': ');
    return at < 0 ? { kpi: '', reason: part } : { kpi: nameOf(part.slice(0, at)), reason: part.slice(at + 2) };
  });
  return { headline: `${capitalise(match[1])}: ${match[2]}.`, reasons };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Choice = 'go' | 'no-go';

/** Go / no-go at the gate, for managers. A refused go shows why, and offers an override that needs a note. */
export function DecisionPanel({ initiativeId, gate, onDecided }: { initiativeId: string; gate: Gate; onDecided: (decision: Decision) => void }) {
  const id = useId();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [note, setNote] = useState('');
  const [override, setOverride] = useState(false);
  const [stop, setStop] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  if (!gate.next) return null;
  const next = PHASE_SHORT[gate.next].toLowerCase();

  const open = (c: Choice) => {
    setChoice(c);
    setOverride(false);
    setStop(false);
    setRefusal(null);
    setError(null);
    setNoteError(undefined);
    setDone(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    if (override && !note.trim()) {
      setNoteError('A note is required to override a gate that is not ready: say why.');
      return;
    }
    setBusy(true);
    setError(null);
    setNoteError(undefined);
    try {
      const decision = await kpiApi.advance(initiativeId, {
        decision: choice,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(choice === 'go' && override ? { override: true } : {}),
        ...(choice === 'no-go' && stop ? { stop: true } : {}),
      });
      setChoice(null);
      setNote('');
      setRefusal(null);
      setDone(
        decision.decision === 'go'
          ? `Go recorded${decision.override ? ' (override)' : ''}: the initiative moved to ${PHASE_SHORT[decision.phase].toLowerCase()}.`
          : decision.stop ? 'No-go recorded: the initiative is stopped.' : `No-go recorded: the initiative stays in ${PHASE_SHORT[decision.phase].toLowerCase()}.`,
      );
      onDecided(decision);
    } catch (e) {
      if (e instanceof FormError && e.status === 409 && e.code === 'KPI.GATE_NOT_READY') setRefusal(e.message);
      else if (e instanceof FormError && e.fields.some((f) => f.field === 'note')) setNoteError(e.fields.find((f) => f.field === 'note')?.message);
      else setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const refused = refusal ? notReadyReasons(refusal, gate) : null;
  return (
    <div className="decision no-print">
      <div className="decision__buttons" role="group" aria-label="Gate decision">
        <button type="button" className="button button--primary" onClick={() => open('go')} aria-pressed={choice === 'go'}>
          Go to {next}
        </button>
        <button type="button" className="button" onClick={() => open('no-go')} aria-pressed={choice === 'no-go'}>
          No-go
        </button>
        {!gate.ready && !choice && <span className="decision__hint">The gate is not ready: a go needs an override with a note.</span>}
      </div>
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      {choice && (
        <form className="decision__form" onSubmit={submit} aria-label={choice === 'go' ? `Go to ${next}` : 'No-go'} noValidate>
          <h3 className="decision__title">{choice === 'go' ? `Go: move to ${next}` : `No-go at the gate into ${next}`}</h3>
          {refused && (
            <div className="notice notice--warn" role="alert">
              <strong>{refused.headline}</strong>
              {refused.reasons.length > 0 && (
                <ul className="reasons">
                  {refused.reasons.map((r) => (
                    <li key={r.kpi + r.reason}>
                      {r.kpi && <strong>{r.kpi}: </strong>}
                      {r.reason}
                    </li>
                  ))}
                </ul>
              )}
              <div>Decide no-go, or go with an override and a note saying why.</div>
            </div>
          )}
          {choice === 'go' && (refused || !gate.ready) && (
            <label className="check">
              <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
              Override: go although the gate is not ready (recorded as an override)
            </label>
          )}
          {choice === 'no-go' && (
            <label className="check">
              <input type="checkbox" checked={stop} onChange={(e) => setStop(e.target.checked)} />
              Stop the initiative
            </label>
          )}
          <Field id={`${id}-note`} label={override ? 'Note (required for an override)' : 'Note (optional)'} error={noteError}>
            <textarea {...fieldAria(`${id}-note`, noteError)} rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="What the decision rests on" />
          </Field>
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className={choice === 'go' ? 'button button--primary' : 'button button--danger'} disabled={busy}>
              {busy ? 'Recording…' : choice === 'go' ? (override ? 'Confirm go (override)' : 'Confirm go') : stop ? 'Confirm no-go and stop' : 'Confirm no-go'}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setChoice(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
