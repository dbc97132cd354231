import { Command } from '@nestjs/cqrs';
import type { CarrierView } from './carrier-view';

/** Enrols a carrier in a trusted-trader programme with its transponders, plates and drivers. */
export class RegisterCarrier extends Command<CarrierView> {
  constructor(readonly input: unknown) {
    super();
  }
}

/** Suspends, revokes or reinstates a carrier; the lanes see it on the next truck. */
export class ChangeCarrierStatus extends Command<CarrierView> {
  constructor(readonly carrierId: string, readonly input: unknown, readonly by: string) {
    super();
  }
}
