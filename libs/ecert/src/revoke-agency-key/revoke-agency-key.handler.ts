import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@corridor/domain';
import { AgencyKeyRevoked } from '../events';
import { actsFor, parseRevokeKey, toAgencyView, type AgencyView } from '../model/agency';
import { AgencyRepository } from '../persistence/agency.repository';
import { AgencyKeys } from '../registry/agency-keys';
import { RevokeAgencyKey } from './revoke-agency-key.command';

@CommandHandler(RevokeAgencyKey)
export class RevokeAgencyKeyHandler implements ICommandHandler<RevokeAgencyKey> {
  constructor(private readonly agencies: AgencyRepository, private readonly keys: AgencyKeys, private readonly events: EventBus) {}

  async execute({ agencyId, keyId, input, principal }: RevokeAgencyKey): Promise<AgencyView> {
    const request = parseRevokeKey(input);
    const { agency } = await this.agencies.get(agencyId);
    if (!actsFor(agency, principal)) throw new DomainError('AUTH.FORBIDDEN', `${principal.id} does not act for agency ${agencyId}`, 'forbidden');
    const at = request.at ?? new Date().toISOString();
    await this.agencies.revokeKey(agencyId, keyId, at, request.reason);
    this.keys.invalidate(agencyId);
    this.events.publish(new AgencyKeyRevoked(agencyId, keyId, request.reason, at));
    return toAgencyView(agency, (await this.agencies.get(agencyId)).keys);
  }
}
