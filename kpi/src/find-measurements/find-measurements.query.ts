import { Query } from '@nestjs/cqrs';
import type { MeasurementView } from '../model/measurement';
import type { MeasurementFilter } from '../persistence/kpi.repository';

/** An initiative's measurements, oldest first (the most recent `limit` of them), with the total matching. */
export class FindMeasurements extends Query<{ items: MeasurementView[]; total: number }> {
  constructor(readonly initiativeId: string, readonly filter: MeasurementFilter) {
    super();
  }
}
