import type { Phase } from '../api/types';
import { PHASE_SHORT } from '../format/format';

const STEPS: Phase[] = ['poc', 'prototype', 'pilot', 'production'];

/** PoC → prototype → pilot → production, with the current phase marked. */
export function PhaseStepper({ phase, reached }: { phase: Phase; reached: readonly Phase[] }) {
  const current = STEPS.indexOf(phase);
  return (
    <ol className={`stepper ${phase === 'stopped' ? 'stepper--stopped' : ''}`} aria-label="Phases">
      {STEPS.map((step, i) => {
        const state = step === phase ? 'current' : (current >= 0 ? i < current : reached.includes(step)) ? 'done' : 'todo';
        return (
          <li key={step} className={`stepper__step stepper__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stepper__marker" aria-hidden="true">
              {state === 'done' ? '\u2713' : i + 1}
            </span>
            <span className="stepper__label">{PHASE_SHORT[step]}</span>
          </li>
        );
      })}
      {phase === 'stopped' && (
        <li className="stepper__step stepper__step--stopped" aria-current="step">
          <span className="stepper__marker" aria-hidden="true">
            ×
          </span>
          <span className="stepper__label">Stopped</span>
        </li>
      )}
    </ol>
  );
}
