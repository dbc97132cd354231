import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { KpiView } from '../model/views';

/** Adds a KPI (key, unit, direction, baseline, targets per phase) to an initiative. */
export class DefineKpi extends Command<KpiView> {
  constructor(readonly initiativeId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

/** Changes a KPI's name, description, baseline or targets; key, unit and direction are fixed. */
export class UpdateKpi extends Command<KpiView> {
  constructor(readonly initiativeId: string, readonly key: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
