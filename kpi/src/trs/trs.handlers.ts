import { Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, EventsHandler, ICommandHandler, IEventHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidFieldsError } from '@corridor/domain';
import type { NewMeasurement } from '../model/measurement';
import { KpiRepository } from '../persistence/kpi.repository';
import { meanInterval, round } from './mean-interval';
import { aggregateTrs, type TrsBreakdown, type TrsSegmentName } from './trs-aggregator';
import { readTrsEvents, readTrsMeasurementRequest, TIME_UNITS } from './trs-input';
import { GetTrsBreakdown, RecordTrsEvents, RecordTrsMeasurements, TrsEventObserved } from './trs.commands';

@CommandHandler(RecordTrsEvents)
export class RecordTrsEventsHandler implements ICommandHandler<RecordTrsEvents> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ input }: RecordTrsEvents) {
    const events = readTrsEvents(input);
    const stored = await this.repository.insertTrsEvents(events, new Date().toISOString());
    return { received: events.length, stored };
  }
}

/** Telemetry must never break the flow that emitted it: a bad event is logged and dropped. */
@EventsHandler(TrsEventObserved)
export class TrsEventObservedHandler implements IEventHandler<TrsEventObserved> {
  private readonly logger = new Logger('KpiTrs');

  constructor(private readonly commands: CommandBus) {}

  async handle({ event }: TrsEventObserved): Promise<void> {
    try {
      await this.commands.execute(new RecordTrsEvents(event));
    } catch (error) {
      this.logger.warn({ err: error, event }, 'TRS event not recorded');
    }
  }
}

@QueryHandler(GetTrsBreakdown)
export class GetTrsBreakdownHandler implements IQueryHandler<GetTrsBreakdown> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ window }: GetTrsBreakdown): Promise<TrsBreakdown> {
    return aggregateTrs(await this.repository.trsEvents(window.from, window.to, 0), window);
  }
}

@CommandHandler(RecordTrsMeasurements)
export class RecordTrsMeasurementsHandler implements ICommandHandler<RecordTrsMeasurements> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ input, principal }: RecordTrsMeasurements) {
    const now = new Date();
    const request = readTrsMeasurementRequest(input, now);
    await this.repository.initiative(request.initiativeId);
    const kpis = new Map((await this.repository.kpis(request.initiativeId)).map((k) => [k.key, k]));
    const errors: Array<{ field: string; message: string }> = [];
    const targets: Array<{ segment: TrsSegmentName; key: string; perUnit: number }> = [];
    for (const [segment, key] of Object.entries(request.kpis) as Array<[TrsSegmentName, string]>) {
      const kpi = kpis.get(key);
      if (!kpi) errors.push({ field: `kpis.${segment}`, message: `kpis.${segment}: "${key}" is not a KPI of this initiative` });
      else if (!(kpi.unit in TIME_UNITS)) errors.push({ field: `kpis.${segment}`, message: `kpis.${segment}: KPI "${key}" is in ${kpi.unit}, not a time unit (${Object.keys(TIME_UNITS).join(', ')})` });
      else targets.push({ segment, key, perUnit: TIME_UNITS[kpi.unit] });
    }
    if (errors.length) throw new InvalidFieldsError('KPI.INVALID_TRS_REQUEST', errors);

    const breakdown = aggregateTrs(await this.repository.trsEvents(request.from, request.to, 0), request);
    const measurements: NewMeasurement[] = [];
    for (const bucket of breakdown.buckets) {
      // A bucket still running would be recorded on partial data and win the gate as "latest".
      if (Date.parse(bucket.end) > now.getTime()) continue;
      for (const { segment, key, perUnit } of targets) {
        const stats = bucket.segments[segment];
        if (stats.n === 0 || stats.mean === null) continue;
        measurements.push({
          kpi: key,
          value: round(stats.mean / perUnit),
          ci95: meanInterval(stats, perUnit),
          n: stats.n,
          source: 'live',
          runId: `trs:${request.bucket}:${segment}:${bucket.start}${request.lane ? `:${request.lane}` : ''}`,
          iteration: 'live TRS',
          at: bucket.end,
          note: `TRS ${segment}${request.lane ? ` lane ${request.lane}` : ''}, ${bucket.start} to ${bucket.end}: p50 ${stats.p50} s, p90 ${stats.p90} s`,
        });
      }
    }
    const stored = await this.repository.replaceLiveMeasurements(request.initiativeId, kpis, measurements, principal.id, now.toISOString());
    return { initiativeId: request.initiativeId, measurements: stored };
  }
}

