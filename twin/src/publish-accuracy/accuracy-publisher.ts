import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateInitiative, DefineKpi, GetInitiative, ListInitiatives, RecordMeasurements, type InitiativeSummary, type InitiativeView } from '@corridor/kpi';
import type { Principal } from '@corridor/platform';
import type { AccuracyReport } from '../engine/twin-engine';

export const TWIN_INITIATIVE_NAME = 'Digital twin';

/** The twin publishes as a programme manager would: it owns its initiative. */
const TWIN_PRINCIPAL: Principal = { id: 'digital-twin', roles: ['manager'] };

type Overall = AccuracyReport['overall'];

/** The twin's own KPIs: how far its forecasts were from what happened, and whether its intervals hold. */
export const TWIN_KPIS: ReadonlyArray<{ key: string; name: string; unit: string; direction: 'lower' | 'higher'; targets?: Record<string, number>; description: string; value: (o: Overall) => number | null }> = [
  {
    key: 'twin_wait_mae_s', name: 'Twin PIL wait forecast error (MAE)', unit: 's', direction: 'lower',
    description: 'Mean absolute error of the forecast mean PIL wait against the wait that followed, over every elapsed bucket of recent forecasts.',
    value: (o) => o.wait_mae_s,
  },
  {
    key: 'twin_queue_mae', name: 'Twin queue forecast error (MAE)', unit: 'trucks', direction: 'lower',
    description: 'Mean absolute error of the forecast queue length (trucks waiting for the PIL) against the queue that followed.',
    value: (o) => o.queue_mae,
  },
  {
    key: 'twin_pi80_coverage', name: 'Twin 80% interval coverage', unit: 'ratio', direction: 'higher', targets: { prototype: 0.8, pilot: 0.8, production: 0.8 },
    description: 'Share of elapsed buckets whose actual value fell inside the forecast 80% prediction interval (0.8 when calibrated).',
    value: (o) => o.pi80_coverage,
  },
  {
    key: 'twin_pi95_coverage', name: 'Twin 95% interval coverage', unit: 'ratio', direction: 'higher', targets: { prototype: 0.95, pilot: 0.95, production: 0.95 },
    description: 'Share of elapsed buckets whose actual value fell inside the forecast 95% prediction interval (0.95 when calibrated).',
    value: (o) => o.pi95_coverage,
  },
];

/**
 * Publishes the twin's accuracy as 'live' measurements of its own initiative in the KPI context
 * (through the KPI context's commands; created on first use). Best effort: a host without the KPI
 * context, or a KPI error, is logged and never fails a refresh.
 */
@Injectable()
export class AccuracyPublisher {
  private readonly logger = new Logger('TwinAccuracy');
  private initiativeId: string | null = null;

  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  /** The measurements recorded (0 when the report had no value to publish or the KPI context refused). */
  async publish(report: AccuracyReport, at: string): Promise<number> {
    const n = report.overall.n;
    const items = TWIN_KPIS.flatMap((kpi) => {
      const value = kpi.value(report.overall);
      if (value === null || !Number.isFinite(value)) return [];
      return [{ kpi: kpi.key, value, ...(Number.isInteger(n) && n >= 1 ? { n } : {}), source: 'live', at, note: `digital twin: ${report.forecasts} forecast(s) scored` }];
    });
    if (items.length === 0) return 0;
    try {
      const id = await this.initiative();
      await this.commands.execute(new RecordMeasurements(id, items, TWIN_PRINCIPAL));
      return items.length;
    } catch (error) {
      this.initiativeId = null;
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not publish the twin accuracy to the KPI context');
      return 0;
    }
  }

  /** The "Digital twin" initiative's id, created (or completed with missing KPIs) once. */
  private async initiative(): Promise<string> {
    if (this.initiativeId) return this.initiativeId;
    const portfolio: InitiativeSummary[] = await this.queries.execute(new ListInitiatives());
    const existing = portfolio.find((i) => i.name === TWIN_INITIATIVE_NAME);
    const definitions = TWIN_KPIS.map(({ key, name, unit, direction, targets, description }) => ({ key, name, unit, direction, description, ...(targets ? { targets } : {}) }));
    if (!existing) {
      const created: InitiativeView = await this.commands.execute(new CreateInitiative({
        name: TWIN_INITIATIVE_NAME,
        description: 'The digital twin of the crossing: calibrated on live telemetry, it forecasts PIL queues and waits and tests what-if actions. Its KPIs measure its own forecast accuracy.',
        owner: TWIN_PRINCIPAL.id,
        kpis: definitions,
      }, TWIN_PRINCIPAL));
      this.logger.log({ initiativeId: created.id }, 'created the "Digital twin" initiative for the twin\'s accuracy KPIs');
      this.initiativeId = created.id;
      return created.id;
    }
    const view: InitiativeView = await this.queries.execute(new GetInitiative(existing.id));
    const known = new Set(view.kpis.map((k) => k.key));
    for (const definition of definitions.filter((d) => !known.has(d.key))) await this.commands.execute(new DefineKpi(existing.id, definition, TWIN_PRINCIPAL));
    this.initiativeId = existing.id;
    return existing.id;
  }
}
