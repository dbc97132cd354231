import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@corridor/domain';
import { AgencyKeyRotated } from '../events';
import { actsFor, isActiveKey, parseRotateKey, toAgencyView, type AgencyView } from '../model/agency';
import { AgencyRepository } from '../persistence/agency.repository';
import { newKey } from '../register-agency/register-agency.handler';
import { AgencyKeys } from '../registry/agency-keys';
import { RotateAgencyKey } from './rotate-agency-key.command';

@CommandHandler(RotateAgencyKey)
export class RotateAgencyKeyHandler implements ICommandHandler<RotateAgencyKey> {
  constructor(private readonly agencies: AgencyRepository, private readonly keys: AgencyKeys, private readonly events: EventBus) {}

  async execute({ agencyId, input, principal }: RotateAgencyKey): Promise<AgencyView> {
    const request = parseRotateKey(input);
    const { agency, keys } = await this.agencies.get(agencyId);
    if (!actsFor(agency, principal)) throw new DomainError('AUTH.FORBIDDEN', `${principal.id} does not act for agency ${agencyId}`, 'forbidden');
    const at = new Date().toISOString();
    const key = newKey(agencyId, request.publicKey, at);
    const previous = keys.filter((k) => isActiveKey(k)).map((k) => k.keyId);
    await this.agencies.rotate(agencyId, key, at);
    this.keys.invalidate(agencyId);
    this.events.publish(new AgencyKeyRotated(agencyId, key.keyId, previous, at));
    return toAgencyView(agency, (await this.agencies.get(agencyId)).keys);
  }
}
