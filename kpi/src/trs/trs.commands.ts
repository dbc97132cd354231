import { Command, Query } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { MeasurementView } from '../model/measurement';
import type { TrsBreakdown, TrsEvent } from './trs-aggregator';

/** Stores Time Release Study events (one or an array of TrsEvent-shaped JSON); duplicates are skipped. */
export class RecordTrsEvents extends Command<{ received: number; stored: number }> {
  constructor(readonly input: unknown) {
    super();
  }
}

/**
 * Aggregates stored TRS events by hour or day and records each complete bucket's mean (with its
 * 95% CI and n) as a 'live' measurement of the KPI mapped to the segment. Re-running a window
 * replaces that window's live measurements, so late events are counted without duplicates.
 */
export class RecordTrsMeasurements extends Command<{ initiativeId: string; measurements: MeasurementView[] }> {
  constructor(readonly input: unknown, readonly principal: Principal | { id: string }) {
    super();
  }
}

/** Per hour or day: mean, p50, p90 and n of every TRS segment, for the dashboard's stacked bars. */
export class GetTrsBreakdown extends Query<TrsBreakdown> {
  constructor(readonly window: { from: string; to: string; bucket: 'hour' | 'day'; lane?: string }) {
    super();
  }
}

/**
 * The seam for live telemetry: the lanes and declarations contexts (or an adapter subscribing to
 * their events) publish this on the EventBus for every timestamped step, and the KPI context
 * stores it for the TRS breakdown.
 */
export class TrsEventObserved {
  constructor(readonly event: TrsEvent) {}
}
