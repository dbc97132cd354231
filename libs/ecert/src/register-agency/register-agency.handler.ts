import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { generateIssuerKeyPair, keyIdOf } from '../document/keys';
import { AgencyRegistered } from '../events';
import { parseRegisterAgency, toAgencyView, type AgencyView } from '../model/agency';
import { AgencyRepository } from '../persistence/agency.repository';
import type { AgencyKeyRow, AgencyRow } from '../persistence/ecert.entities';
import { RegisterAgency } from './register-agency.command';

@CommandHandler(RegisterAgency)
export class RegisterAgencyHandler implements ICommandHandler<RegisterAgency> {
  constructor(private readonly agencies: AgencyRepository, private readonly events: EventBus) {}

  async execute({ input, principal }: RegisterAgency): Promise<AgencyView> {
    const request = parseRegisterAgency(input);
    const at = new Date().toISOString();
    const id = request.id ?? `${request.country}-${randomBytes(4).toString('hex').toUpperCase()}`;
    const agency: AgencyRow = { id, name: request.name, country: request.country, principals: JSON.stringify(request.principals), createdAt: at, createdBy: principal.id };
    const key = newKey(id, request.publicKey, at);
    await this.agencies.insert(agency, key);
    this.events.publish(new AgencyRegistered(id, request.country, key.keyId, at));
    return toAgencyView(agency, [key]);
  }
}

/** A key the agency holds (public half given) or one the server generates and keeps for it. */
export function newKey(agencyId: string, publicKey: string | undefined, at: string): AgencyKeyRow {
  const pair = publicKey ? undefined : generateIssuerKeyPair();
  const base64 = publicKey ?? (pair as { publicKey: string }).publicKey;
  return {
    agencyId,
    keyId: keyIdOf(base64),
    publicKey: base64,
    privateKey: pair?.privateKeyPem ?? null,
    validFrom: at,
    validTo: null,
    revokedAt: null,
    revocationReason: null,
    createdAt: at,
  };
}
