import type { RiskAssessmentRow, RiskFeedbackRow } from '../persistence/risk.entities';
import type { RiskReason } from '../scoring/score-engine';

export interface AssessmentView {
  id: string;
  declarationId: string;
  version: number;
  assessedAt: string;
  score: number;
  channel: string;
  selected: boolean;
  random: boolean;
  modelVersion: string;
  /** recorded on the declaration, or stale (the declaration had moved on). */
  outcome: string;
  trigger: string;
  reasons: RiskReason[];
  /** Inputs, signals, rule hits, model outputs per error type and item, combination, thresholds, random draw. */
  audit: Record<string, unknown>;
}

export interface FeedbackView {
  id: string;
  assessmentId: string;
  declarationId: string;
  version: number;
  reasonIndex: number;
  reasonText: string;
  agree: boolean;
  note?: string;
  by: string;
  at: string;
}

export interface AssessmentsView {
  declarationId: string;
  latest: AssessmentView;
  /** Newest first, the latest included. */
  history: AssessmentView[];
  feedback: FeedbackView[];
}

export function toAssessmentView(row: RiskAssessmentRow): AssessmentView {
  return {
    id: row.id, declarationId: row.declarationId, version: row.version, assessedAt: row.assessedAt, score: Number(row.score), channel: row.channel,
    selected: Boolean(row.selected), random: Boolean(row.random), modelVersion: row.modelVersion, outcome: row.outcome, trigger: row.trigger,
    reasons: JSON.parse(row.reasons), audit: JSON.parse(row.audit),
  };
}

export function toFeedbackView(row: RiskFeedbackRow): FeedbackView {
  return {
    id: row.id, assessmentId: row.assessmentId, declarationId: row.declarationId, version: row.version, reasonIndex: row.reasonIndex, reasonText: row.reasonText,
    agree: Boolean(row.agree), ...(row.note ? { note: row.note } : {}), by: row.by, at: row.at,
  };
}
