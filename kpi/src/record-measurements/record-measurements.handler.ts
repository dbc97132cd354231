import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { readMeasurements, type MeasurementView } from '../model/measurement';
import { KpiRepository } from '../persistence/kpi.repository';
import { RecordMeasurements } from './record-measurements.command';

@CommandHandler(RecordMeasurements)
export class RecordMeasurementsHandler implements ICommandHandler<RecordMeasurements> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ initiativeId, input, principal }: RecordMeasurements): Promise<MeasurementView | MeasurementView[]> {
    await this.repository.initiative(initiativeId);
    const kpis = new Map((await this.repository.kpis(initiativeId)).map((k) => [k.key, k]));
    const now = new Date();
    // Every element is validated before the transaction starts: a bad one writes nothing.
    const { items, batch } = readMeasurements(input, kpis, now);
    const stored = await this.repository.addMeasurements(initiativeId, kpis, items, principal.id, now.toISOString());
    return batch ? stored : stored[0];
  }
}
