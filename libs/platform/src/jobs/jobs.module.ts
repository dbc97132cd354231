import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CorridorConfig } from '../config/config';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

export function createJobQueue(config: CorridorConfig): JobQueue {
  return config.redisUrl ? new BullJobQueue(config.redisUrl, config.jobsPrefix) : new InProcessJobQueue();
}

@Global()
@Module({
  providers: [{ provide: JobQueue, inject: [CorridorConfig], useFactory: createJobQueue }],
  exports: [JobQueue],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobQueue) private readonly jobs: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
