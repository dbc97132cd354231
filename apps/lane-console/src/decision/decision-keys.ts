import { useEffect, useRef } from 'react';
import type { DecisionAction } from '../api/types';

/** One key per decision, shown on its button. */
export const DECISION_KEYS: Record<DecisionAction, string> = { release: 'R', refer: 'F', hold: 'H' };

const BY_KEY: Record<string, DecisionAction> = { r: 'release', f: 'refer', h: 'hold' };

/** Text fields keep their letters: R typed into the note is an R, not a release. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type));
}

/**
 * The decision action a key press asks for, if any: R, F or H anywhere but in a text field;
 * Alt+R/F/H also from inside the note (by key position, as macOS turns Alt+R into ®).
 */
export function decisionForKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'repeat' | 'target'>): DecisionAction | undefined {
  if (event.repeat || event.ctrlKey || event.metaKey) return undefined;
  if (event.altKey) return BY_KEY[event.code.replace(/^Key/, '').toLowerCase()];
  if (event.shiftKey || typing(event.target)) return undefined;
  return BY_KEY[event.key.toLowerCase()];
}

/** Listens on the window, so the keys work wherever focus is (no click needed first). */
export function useDecisionKeys(enabled: boolean, onDecision: (action: DecisionAction) => void): void {
  const handler = useRef(onDecision);
  handler.current = onDecision;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      const action = decisionForKey(event);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
