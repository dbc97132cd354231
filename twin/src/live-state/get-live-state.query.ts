import { Query } from '@nestjs/cqrs';
import type { LiveState } from '../engine/twin-engine';

/** The crossing at `at` (default now) as telemetry shows it: queues, trucks at the booths, open lanes. */
export class GetLiveState extends Query<LiveState> {
  constructor(readonly at: Date) {
    super();
  }
}
