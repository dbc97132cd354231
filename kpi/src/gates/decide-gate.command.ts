import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { DecisionView } from '../model/views';

/**
 * A go / no-go at the initiative's gate: `{decision: 'go' | 'no-go', note?, override?, stop?}`.
 * Recorded with who, when, the note and the gate's evidence whether or not it moves the phase.
 */
export class DecideGate extends Command<DecisionView> {
  constructor(readonly initiativeId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
