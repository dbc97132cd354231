import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import {
  DeclarationAmended,
  DeclarationCancelled,
  DeclarationCleared,
  DeclarationLodged,
  DeclarationReferred,
  DeclarationReleased,
  DeclarationRiskAssessed,
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

  constructor(private readonly engine: LaneEngine) {}

  handle(event: DeclarationEvent): void {
    const filter = event instanceof DeclarationLodged ? { withoutDeclarations: true as const } : { declarationId: event.declarationId };
    void this.engine.refresh(filter).catch((error) => this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'passage refresh failed'));
  }
}
