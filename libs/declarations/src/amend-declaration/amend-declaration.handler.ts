import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, InvalidFieldsError } from '@corridor/domain';
import { DeclarationAmended } from '../events';
import { crossCheckDocuments } from '../model/cross-check';
import { parseDeclaration } from '../model/declaration';
import { AMENDABLE } from '../model/status';
import type { DeclarationView } from '../model/views';
import { Notary } from '../notarise';
import { DeclarationRepository } from '../persistence/declaration.repository';
import { AmendDeclaration } from './amend-declaration.command';

/** Adds version n+1; every earlier version stays readable, unchanged and notarised. */
@CommandHandler(AmendDeclaration)
export class AmendDeclarationHandler implements ICommandHandler<AmendDeclaration> {
  constructor(private readonly declarations: DeclarationRepository, private readonly notary: Notary, private readonly events: EventBus) {}

  async execute({ declarationId, input, principal }: AmendDeclaration): Promise<DeclarationView> {
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
    if (!body) throw new InvalidFieldsError('AMENDMENT.INVALID', [{ field: 'body', message: 'body: must be an object {reason, declaration}' }]);
    const unknown = Object.keys(body).filter((key) => key !== 'reason' && key !== 'declaration');
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (!reason || reason.length > 1000) throw new InvalidFieldsError('AMENDMENT.INVALID', [{ field: 'reason', message: 'reason: is required (a string of at most 1000 characters)' }]);
    if (unknown.length > 0) throw new InvalidFieldsError('AMENDMENT.INVALID', [{ field: unknown[0], message: `${unknown[0]}: is not a known field (known: reason, declaration)` }]);
    const data = parseDeclaration(body.declaration, 'declaration');

    const current = await this.declarations.get(declarationId);
    if (!AMENDABLE.includes(current.status)) {
      throw new ConflictError('DECLARATION.NOT_AMENDABLE', `a declaration that is ${current.status} can no longer be amended (only ${AMENDABLE.join(' or ')})`, 'status');
    }
    const version = current.version + 1;
    const at = new Date().toISOString();
    const discrepancies = crossCheckDocuments(data);
    const view = await this.notary.notarise(declarationId, version, data, (manager, notarised) => this.declarations.insertAmendment(
      manager,
      { declarationId, version, ...notarised, reason, discrepancies, at, by: principal.id, data },
      current.status,
    ));
    this.events.publish(new DeclarationAmended(declarationId, version, reason, at));
    return view;
  }
}
