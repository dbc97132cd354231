import { Logger } from '@nestjs/common';
import { EventBus, EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { DeclarationAmended, DeclarationCancelled, DeclarationLodged } from '@corridor/declarations';
import { DeclarationCertificatesChecked } from '../events';
import { UsageRepository } from '../persistence/usage.repository';
import { DeclarationCertificates } from './declaration-certificates';

type DeclarationEvent = DeclarationLodged | DeclarationAmended | DeclarationCancelled;

/**
 * On lodgement and amendment: records the e-CoO draws of the latest version and checks every
 * referenced certificate (over-use, mismatch, revoked, unknown, expired), then publishes
 * DeclarationCertificatesChecked. A cancelled declaration gives its draws back.
 */
@EventsHandler(DeclarationLodged, DeclarationAmended, DeclarationCancelled)
export class DeclarationEventsHandler implements IEventHandler<DeclarationEvent> {
  private readonly logger = new Logger('EcertClearance');

  constructor(private readonly declarations: DeclarationCertificates, private readonly usage: UsageRepository, private readonly events: EventBus) {}

  async handle(event: DeclarationEvent): Promise<void> {
    try {
      if (event instanceof DeclarationCancelled) {
        await this.usage.releaseDraws(event.declarationId);
        return;
      }
      const { result, recorded } = await this.declarations.check(event.declarationId, 'always');
      if (recorded && result.checks.length > 0) {
        this.events.publish(new DeclarationCertificatesChecked(result.declarationId, result.version, result.checks, result.checkedAt));
        const flagged = result.checks.filter((c) => c.status !== 'ok');
        if (flagged.length > 0) this.logger.log(`declaration ${result.declarationId} v${result.version}: ${flagged.map((c) => `${c.certificateId} item ${c.itemIndex} ${c.status}`).join('; ')}`);
      }
    } catch (error) {
      // The query (CheckDeclarationCertificates) records lazily, so a failure here is retried there.
      this.logger.error({ err: error }, `certificate check of declaration ${event.declarationId} failed`);
    }
  }
}
