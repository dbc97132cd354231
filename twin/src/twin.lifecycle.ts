import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CorridorConfig, JobQueue } from '@corridor/platform';
import { UnprocessableError } from '@corridor/domain';
import { ForecastRefresher } from './refresh-forecast/forecast-refresher';


export const FORECAST_QUEUE = 'twin.forecast';

export interface ForecastJob {
  trigger: 'schedule' | 'manual';
}

export interface TwinModuleOptions {
  /** Refresh the forecast every TWIN_REFRESH_MINUTES. Default true; tests turn it off and refresh themselves. */
  schedule?: boolean;
}

export const TWIN_OPTIONS = Symbol('TWIN_OPTIONS');
export const DEFAULT_TWIN_OPTIONS: Required<TwinModuleOptions> = { schedule: true };

/**
 * Registers the forecast worker with the job queue (in process embedded, from Bull in distributed
 * mode) and schedules the refresh. The schedule is a delayed job per time slot with a fixed id, so
 * several workers schedule each slot once, and each scheduled run queues the next slot.
 */
@Injectable()
export class TwinLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('Twin');
  private readonly options: Required<TwinModuleOptions>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly refresher: ForecastRefresher,
    private readonly config: CorridorConfig,
    @Inject(TWIN_OPTIONS) options: TwinModuleOptions,
  ) {
    this.options = { ...DEFAULT_TWIN_OPTIONS, ...options };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.jobs.process<ForecastJob>(FORECAST_QUEUE, (job) => this.run(job));
    if (this.options.schedule) await this.scheduleNext();
  }

  /** One queued refresh; too little (or unusable) telemetry is a normal state of a new crossing, not a failure. */
  async run(job: ForecastJob): Promise<string> {
    try {
      return (await this.refresher.refresh()).id;
    } catch (error) {
      if (!(error instanceof UnprocessableError)) throw error;
      this.logger.log({ reason: error.message }, 'twin refresh skipped');
      return 'skipped';
    } finally {
      if (job.trigger === 'schedule' && this.options.schedule) await this.scheduleNext();
    }
  }

  /** Queues the refresh of the next slot (id `twin.forecast:<slot>`: once per slot however many workers ask). */
  async scheduleNext(now = Date.now()): Promise<string> {
    const intervalMs = this.config.twin.refreshMinutes * 60_000;
    const slot = Math.floor(now / intervalMs) + 1;
    const job: ForecastJob = { trigger: 'schedule' };
    return this.jobs.add(FORECAST_QUEUE, job, { jobId: `${FORECAST_QUEUE}:${slot}`, delayMs: slot * intervalMs - now, attempts: 1 });
  }
}
