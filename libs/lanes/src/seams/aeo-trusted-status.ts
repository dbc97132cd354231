import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetTrustedStatus, type TrustedStatus } from '@corridor/ecert';
import type { TrustedCarrier } from '../model/carrier';
import { CarrierRepository } from '../persistence/carrier.repository';
import { RegistryTrustedStatus } from './trusted-status';

/**
 * Carriers enrolled under AEO take their status from the e-cert context's AEO registry (which
 * shares status changes between administrations under mutual recognition), not from the lane's
 * own enrolment: an AEO suspended or revoked anywhere it is recognised is not trusted at the booth.
 * FAST and PIP carriers keep the lane registry's status.
 */
@Injectable()
export class AeoRegistryTrustedStatus extends RegistryTrustedStatus {
  private readonly logger = new Logger('LanesAeo');

  constructor(carriers: CarrierRepository, private readonly queries: QueryBus) {
    super(carriers);
  }

  override async byTransponder(epc: string): Promise<TrustedCarrier | undefined> {
    return this.withAeoStatus(await super.byTransponder(epc));
  }

  override async byPlate(plateKey: string): Promise<TrustedCarrier | undefined> {
    return this.withAeoStatus(await super.byPlate(plateKey));
  }

  private async withAeoStatus(carrier: TrustedCarrier | undefined): Promise<TrustedCarrier | undefined> {
    if (!carrier || carrier.programme !== 'AEO' || carrier.status !== 'active') return carrier;
    if (!carrier.traderId) return { ...carrier, status: 'suspended', statusReason: 'enrolled as AEO without a trader id to check in the AEO registry' };
    let answer: TrustedStatus;
    try {
      answer = await this.queries.execute(new GetTrustedStatus(carrier.traderId));
    } catch (error) {
      // The registry being unreachable must not release trucks on stale trust: the officer checks.
      this.logger.warn({ traderId: carrier.traderId, error: error instanceof Error ? error.message : String(error) }, 'AEO registry unavailable');
      return { ...carrier, status: 'suspended', statusReason: 'the AEO registry could not be consulted' };
    }
    const aeo = answer.programmes.filter((p) => p.programme === 'AEO');
    if (aeo.some((p) => p.status === 'granted')) return carrier;
    if (aeo.length === 0) return { ...carrier, status: 'suspended', statusReason: `${carrier.traderId} is not in the AEO registry` };
    const latest = aeo[0];
    return { ...carrier, status: latest.status === 'revoked' ? 'revoked' : 'suspended', statusReason: `AEO ${latest.status} by ${latest.administration} since ${latest.since}${latest.reason ? `: ${latest.reason}` : ''}` };
  }
}
