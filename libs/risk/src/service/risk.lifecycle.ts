import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@corridor/platform';
import { LearnFromInspectionJob } from './learning/learn-from-inspection.job';
import { RetrainModelsJob } from './learning/retrain-models.job';
import { LEARN_QUEUE, RETRAIN_QUEUE, SCORE_QUEUE, SWEEP_QUEUE, type LearnJob, type RetrainJob, type ScoreJob } from './risk.queues';
import { ScoreDeclarationJob } from './scoring/score-declaration.job';
import { SweepLodgedJob } from './scoring/sweep-lodged.job';

export interface RiskModuleOptions {
  /** Schedule the daily retrain and the sweep of unscored declarations. Default true. */
  schedule?: boolean;
  /** UTC hour of the daily retrain. Default 2. */
  retrainHourUtc?: number;
  /** Between sweeps for declarations left lodged. Default 60 s. */
  sweepIntervalMs?: number;
  /**
   * The queues this process works (default: all four). A retrain is CPU-bound for seconds to
   * minutes: in distributed mode, API replicas may leave 'risk.retrain' to a dedicated worker.
   */
  workQueues?: readonly string[];
  /** Score jobs run at once per process. Default 1 (SQLite writes one at a time anyway); raise it on PostgreSQL. */
  scoreConcurrency?: number;
}

export const RISK_OPTIONS = Symbol('RISK_OPTIONS');
export const DEFAULT_RISK_OPTIONS: Required<RiskModuleOptions> = { schedule: true, retrainHourUtc: 2, sweepIntervalMs: 60_000, workQueues: [SCORE_QUEUE, LEARN_QUEUE, RETRAIN_QUEUE, SWEEP_QUEUE], scoreConcurrency: 1 };

/** Milliseconds from `now` to the next `hour`:00 UTC, and that day (the job id of that run). */
export function nextRun(now: Date, hour: number): { delayMs: number; day: string } {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return { delayMs: next.getTime() - now.getTime(), day: next.toISOString().slice(0, 10) };
}

/**
 * Registers the risk workers with the job queue (every process that hosts RiskModule works
 * the queues: in process embedded, from Bull in distributed mode) and schedules the daily
 * retrain and the sweep. Schedules are jobs with delays and fixed ids, so several workers
 * schedule each run once.
 */
@Injectable()
export class RiskLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('Risk');
  private readonly options: Required<RiskModuleOptions>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly score: ScoreDeclarationJob,
    private readonly learn: LearnFromInspectionJob,
    private readonly retrain: RetrainModelsJob,
    private readonly sweep: SweepLodgedJob,
    @Inject(RISK_OPTIONS) options: RiskModuleOptions,
  ) {
    this.options = { ...DEFAULT_RISK_OPTIONS, ...options };
  }

  async onApplicationBootstrap(): Promise<void> {
    const works = (queue: string) => this.options.workQueues.includes(queue);
    if (works(SCORE_QUEUE)) this.jobs.process<ScoreJob>(SCORE_QUEUE, (job) => this.score.run(job), this.options.scoreConcurrency);
    if (works(LEARN_QUEUE)) this.jobs.process<LearnJob>(LEARN_QUEUE, (job) => this.learn.run(job));
    if (works(RETRAIN_QUEUE)) {
      this.jobs.process<RetrainJob>(RETRAIN_QUEUE, async (job) => {
        const stored = await this.retrain.run(job.trigger);
        if (job.trigger === 'schedule' && this.options.schedule) await this.scheduleRetrain(new Date(Date.now() + 60_000));
        return stored.map((m) => `${m.errorType}@${m.version}`);
      });
    }
    if (works(SWEEP_QUEUE)) {
      this.jobs.process(SWEEP_QUEUE, async () => {
        const queued = await this.sweep.run();
        if (this.options.schedule) await this.scheduleSweep();
        return queued;
      });
    }
    if (this.options.schedule) {
      await this.scheduleRetrain(new Date());
      await this.scheduleSweep();
    }
  }

  /** Queues the next daily retrain (id `retrain:<day>`: one per day however many workers ask). */
  async scheduleRetrain(now: Date): Promise<string> {
    const { delayMs, day } = nextRun(now, this.options.retrainHourUtc);
    const job: RetrainJob = { trigger: 'schedule' };
    const id = await this.jobs.add(RETRAIN_QUEUE, job, { jobId: `retrain:${day}`, delayMs, attempts: 3, backoffMs: 60_000 });
    this.logger.debug(`next model retrain ${day} (${Math.round(delayMs / 60_000)} min)`);
    return id;
  }

  private async scheduleSweep(): Promise<void> {
    const slot = Math.floor(Date.now() / this.options.sweepIntervalMs) + 1;
    await this.jobs.add(SWEEP_QUEUE, {}, { jobId: `sweep:${slot}`, delayMs: slot * this.options.sweepIntervalMs - Date.now(), attempts: 1 });
  }
}
