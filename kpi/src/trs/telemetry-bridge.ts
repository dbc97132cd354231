import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { DeclarationLodged, DeclarationRiskAssessed } from '@corridor/declarations';
import { PassageDecided, PassageOpened, PassageRecommended } from '@corridor/lanes';
import { CommandBus } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { RecordTrsEvents } from './trs.commands';
import type { TrsEvent } from './trs-aggregator';

type Observed = DeclarationLodged | DeclarationRiskAssessed | PassageOpened | PassageRecommended | PassageDecided;

/** Which Time Release Study steps a declarations or lanes event marks. */
export function trsEventsOf(event: Observed): TrsEvent[] {
  if (event instanceof DeclarationLodged) return [{ type: 'lodged', declarationId: event.declarationId, at: event.at }];
  if (event instanceof DeclarationRiskAssessed) return [{ type: 'risk-result', declarationId: event.declarationId, at: event.at }];
  if (event instanceof PassageOpened) return [{ type: 'read', passageId: event.passageId, lane: event.laneId, at: event.firstReadAt }];
  // Only the first recommendation counts: later rounds (a late read, a risk result) refine it.
  if (event instanceof PassageRecommended) return event.round > 1 ? [] : [{ type: 'recommendation', passageId: event.passageId, lane: event.laneId, at: event.at }];
  if (event instanceof PassageDecided) {
    const decision: TrsEvent = { type: 'decision', passageId: event.passageId, lane: event.laneId, at: event.at };
    return event.action === 'refer' ? [decision, { type: 'referral', passageId: event.passageId, lane: event.laneId, at: event.at }] : [decision];
  }
  return [];
}

/**
 * Live telemetry: the lanes' and declarations' own events become TRS steps, so the KPI context
 * measures the real crossing without either context knowing about KPIs.
 */
@EventsHandler(DeclarationLodged, DeclarationRiskAssessed, PassageOpened, PassageRecommended, PassageDecided)
export class TelemetryBridge implements IEventHandler<Observed> {
  private readonly logger = new Logger('KpiTelemetry');

  constructor(private readonly commands: CommandBus) {}

  async handle(event: Observed): Promise<void> {
    const steps = trsEventsOf(event);
    if (steps.length === 0) return;
    try {
      await this.commands.execute(new RecordTrsEvents(steps));
    } catch (error) {
      // Telemetry must never break the flow it observes.
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not record TRS events');
    }
  }
}
