import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler, QueryBus } from '@nestjs/cqrs';
import {
  DeclarationAmended,
  DeclarationCancelled,
  DeclarationCleared,
  DeclarationLodged,
  DeclarationReferred,
  DeclarationReleased,
  DeclarationRiskAssessed,
  GetDeclaration,
  InspectionRecorded,
} from '@corridor/declarations';
import { LaneEngine } from './lane-engine';

type DeclarationEvent = DeclarationLodged | DeclarationAmended | DeclarationRiskAssessed | DeclarationReleased | DeclarationReferred | InspectionRecorded | DeclarationCleared | DeclarationCancelled;

/**
 * A truck waiting at the booth whose declaration gets its risk result (or is amended, or a
 * missing one is lodged) gets a fresh recommendation: "risk pending" turns into release or refer
 * on the console without the officer asking.
 */
@EventsHandler(DeclarationLodged, DeclarationAmended, DeclarationRiskAssessed, DeclarationReleased, DeclarationReferred, InspectionRecorded, DeclarationCleared, DeclarationCancelled)
export class DeclarationChangesHandler implements IEventHandler<DeclarationEvent> {
  private readonly logger = new Logger('Lanes');

  constructor(private readonly engine: LaneEngine, private readonly queries: QueryBus) {}

  handle(event: DeclarationEvent): void {
    void this.refresh(event).catch((error) => this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'passage refresh failed'));
  }

  private async refresh(event: DeclarationEvent): Promise<void> {
    if (!(event instanceof DeclarationLodged)) return this.engine.refresh({ declarationId: event.declarationId });
    // A new declaration can only concern passages of its own truck: look them up by plate and
    // transponder, which the event carries (an older publisher's event without them: read it).
    let plateKey: string | undefined;
    let transponder: string | undefined;
    if (event.conveyance) {
      plateKey = event.conveyance.plateKey ?? undefined;
      transponder = event.conveyance.transponder ?? undefined;
    } else {
      const { conveyance } = (await this.queries.execute(new GetDeclaration(event.declarationId))).declaration;
      plateKey = conveyance.plate ? `${conveyance.plate.jurisdiction}:${conveyance.plate.number}` : undefined;
      transponder = conveyance.transponder;
    }
    if (plateKey || transponder) await this.engine.refresh({ plateKey, transponder });
  }
}
