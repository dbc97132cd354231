import { ConflictError } from '@corridor/domain';
import { InputReader, present } from '../model/input-reader';
import type { Phase } from '../model/phases';
import type { GateEvaluation } from './evaluate-gate';

export const DECISIONS = ['go', 'no-go'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionInput {
  decision: Decision;
  note: string | null;
  /** `go` although the gate is not ready: allowed only with a note saying why. */
  override: boolean;
  /** `no-go` that ends the initiative (phase 'stopped'). */
  stop: boolean;
}

export interface DecisionOutcome {
  from: Phase;
  /** The phase after the decision; null when the decision records a no-go without moving. */
  to: Phase | null;
  /** True when a `go` passed a gate that was not ready. */
  override: boolean;
}

/** Reads `{decision, note?, override?, stop?}`, refusing combinations that make no sense. */
export function readDecision(input: unknown): DecisionInput {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['decision', 'note', 'override', 'stop']);
  // 'no_go' and 'nogo' are what people type for 'no-go'; the record keeps one spelling.
  const spelled = typeof body.decision === 'string' ? body.decision.trim().toLowerCase().replace(/^no[_ ]?go$/, 'no-go') : body.decision;
  const decision = r.oneOf(spelled, 'decision', DECISIONS);
  const note = r.string(body.note, 'note', { max: 2000, required: false }) ?? null;
  const override = r.boolean(body.override, 'override') ?? false;
  const stop = r.boolean(body.stop, 'stop') ?? false;
  if (override && decision === 'no-go') r.fail('override', 'applies only to a go decision');
  if (stop && decision === 'go') r.fail('stop', 'applies only to a no-go decision');
  // An override is the exception the method warns about; the record must say why it was taken.
  if (override && decision === 'go' && note === null) r.fail('note', 'is required to override a gate that is not ready');
  r.throwIfInvalid('KPI.INVALID_DECISION');
  return { decision: present(decision), note, override, stop };
}

/**
 * What a decision does at the gate: `go` moves to the next phase only when the gate is ready
 * (or with an explicit override); `no-go` records the decision and stays, or stops the initiative.
 */
export function decide(gate: GateEvaluation, input: DecisionInput): DecisionOutcome {
  if (gate.phase === 'stopped') throw new ConflictError('KPI.INITIATIVE_STOPPED', 'the initiative is stopped; no further decisions can be taken');
  if (input.decision === 'no-go') return { from: gate.phase, to: input.stop ? 'stopped' : null, override: false };
  if (!gate.next) throw new ConflictError('KPI.NO_NEXT_PHASE', `an initiative in ${gate.phase} has no further gate`);
  if (gate.ready) return { from: gate.phase, to: gate.next, override: false };
  if (input.override) return { from: gate.phase, to: gate.next, override: true };
  throw new ConflictError('KPI.GATE_NOT_READY', `the gate into ${gate.next} is not ready: ${notReadyReason(gate)}; decide no-go, or go with {override: true, note}`);
}

function notReadyReason(gate: GateEvaluation): string {
  if (gate.total === 0) return `no KPI has a target for ${gate.next}`;
  const unmet = gate.criteria.filter((c) => !c.met).map((c) => `${c.kpi}: ${c.reason}`);
  return `${gate.met} of ${gate.total} criteria met (${unmet.join('; ')})`;
}
