import type { InspectionResult } from '@corridor/declarations';

/** Scores one declaration version; jobId `${declarationId}:${version}` dedupes replays. */
export const SCORE_QUEUE = 'risk.score';
/** Folds one inspection result into the models. */
export const LEARN_QUEUE = 'risk.learn';
/** Full retrain of every error type's model (daily, and on request). */
export const RETRAIN_QUEUE = 'risk.retrain';
/** Catches declarations left lodged without a score (another process lodged them, or their job was lost). */
export const SWEEP_QUEUE = 'risk.sweep';

export interface ScoreJob {
  declarationId: string;
  version: number;
  trigger: 'lodged' | 'amended' | 'sweep';
}

export interface LearnJob {
  declarationId: string;
  version: number;
  inspection: InspectionResult;
  at: string;
}

export interface RetrainJob {
  trigger: 'schedule' | 'manual';
  by?: string;
}

/** Score jobs retry quickly: a declaration waits at the border for its channel. */
export const SCORE_JOB_OPTIONS = { attempts: 8, backoffMs: 250 } as const;
