import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { UnprocessableError, InvalidValueError } from '@corridor/domain';
import { bytesToHex, canonicalJson, sha256 } from '@corridor/ledger';
import { randomUUID } from 'node:crypto';
import { DeclarationLodged } from '../events';
import { crossCheckDocuments } from '../model/cross-check';
import { parseDeclaration } from '../model/declaration';
import type { DeclarationView } from '../model/views';
import { Notary } from '../notarise';
import { DeclarationRepository } from '../persistence/declaration.repository';
import { LodgeDeclaration } from './lodge-declaration.command';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@CommandHandler(LodgeDeclaration)
export class LodgeDeclarationHandler implements ICommandHandler<LodgeDeclaration> {
  constructor(private readonly declarations: DeclarationRepository, private readonly notary: Notary, private readonly events: EventBus) {}

  async execute({ input, principal, idempotencyKey }: LodgeDeclaration): Promise<DeclarationView & { replayed?: boolean }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new InvalidValueError('IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    }
    // Keys are per caller: two traders may pick the same key without seeing each other's data.
    const scopedKey = idempotencyKey ? `${principal.id}:${idempotencyKey}` : undefined;
    const requestHash = scopedKey ? bytesToHex(sha256(new TextEncoder().encode(safeCanonical(input)))) : '';
    if (scopedKey) {
      const previous = await this.declarations.idempotentResponse(scopedKey);
      if (previous) {
        if (previous.requestHash !== requestHash) {
          throw new UnprocessableError('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used with a different body', 'Idempotency-Key');
        }
        return { ...previous.response, replayed: true };
      }
    }

    const data = parseDeclaration(input);
    const id = randomUUID();
    const at = new Date().toISOString();
    const discrepancies = crossCheckDocuments(data);
    const view = await this.notary.notarise(id, 1, data, (manager, notarised) => this.declarations.insertNew(
      manager,
      { declarationId: id, version: 1, ...notarised, discrepancies, at, by: principal.id, data },
      principal.id,
      scopedKey ? { key: scopedKey, requestHash } : undefined,
    ));
    const { plate, transponder } = data.conveyance;
    this.events.publish(new DeclarationLodged(id, 1, at, { plateKey: plate ? `${plate.jurisdiction}:${plate.number}` : null, transponder: transponder ?? null, expectedArrival: data.expectedArrival }));
    return view;
  }
}

function safeCanonical(input: unknown): string {
  try {
    return canonicalJson(input);
  } catch {
    return JSON.stringify(input) ?? 'undefined';
  }
}
