import { Injectable } from '@nestjs/common';
import type { TrustedCarrier } from '../model/carrier';
import { CarrierRepository } from '../persistence/carrier.repository';

/**
 * Where the lane learns whether a truck's carrier is trusted. Today: this context's registry.
 * Tomorrow the e-cert context's AEO registry (mutual recognition between administrations) can
 * provide its own implementation: `LanesModule.forRoot({ trustedStatus: MyProvider })`.
 */
export abstract class TrustedStatusProvider {
  /** The carrier a transponder (24 hex digits, upper case) is registered to. */
  abstract byTransponder(epc: string): Promise<TrustedCarrier | undefined>;
  /** The carrier a plate ("JUR:NUMBER") is registered to. */
  abstract byPlate(plateKey: string): Promise<TrustedCarrier | undefined>;
}

/** The default: this context's own trusted-trader registry. */
@Injectable()
export class RegistryTrustedStatus extends TrustedStatusProvider {
  constructor(private readonly carriers: CarrierRepository) {
    super();
  }

  byTransponder(epc: string): Promise<TrustedCarrier | undefined> {
    return this.carriers.byTransponder(epc);
  }

  byPlate(plateKey: string): Promise<TrustedCarrier | undefined> {
    return this.carriers.byPlate(plateKey);
  }
}
