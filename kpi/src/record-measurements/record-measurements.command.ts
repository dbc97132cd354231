import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { MeasurementView } from '../model/measurement';

/**
 * Records one measurement, or a batch (an array) all-or-nothing. The result mirrors the input:
 * one view for one measurement, an array for an array.
 */
export class RecordMeasurements extends Command<MeasurementView | MeasurementView[]> {
  constructor(readonly initiativeId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
