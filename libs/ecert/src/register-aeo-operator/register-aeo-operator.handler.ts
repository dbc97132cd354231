import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AeoStatusChanged } from '../events';
import { parseRegisterOperator, toOperatorView, type AeoOperatorView } from '../model/aeo';
import { AeoRepository } from '../persistence/aeo.repository';
import type { AeoOperatorRow } from '../persistence/ecert.entities';
import { RegisterAeoOperator } from './register-aeo-operator.command';

@CommandHandler(RegisterAeoOperator)
export class RegisterAeoOperatorHandler implements ICommandHandler<RegisterAeoOperator> {
  constructor(private readonly aeo: AeoRepository, private readonly events: EventBus) {}

  async execute({ input, principal }: RegisterAeoOperator): Promise<AeoOperatorView> {
    const request = parseRegisterOperator(input);
    const now = new Date().toISOString();
    const since = request.since ?? now;
    const row: AeoOperatorRow = {
      id: randomUUID(),
      administration: request.administration,
      operatorId: request.operatorId,
      programme: request.programme,
      name: request.name,
      status: request.status,
      statusReason: request.reason ?? null,
      since,
      createdAt: now,
      createdBy: principal.id,
    };
    const first = await this.aeo.register(row, {
      recordId: row.id,
      administration: row.administration,
      operatorId: row.operatorId,
      programme: row.programme,
      status: row.status,
      previousStatus: null,
      reason: row.statusReason,
      at: since,
      by: principal.id,
    });
    this.events.publish(new AeoStatusChanged(row.operatorId, row.administration, request.programme, request.status, undefined, request.reason, since, first.seq));
    return toOperatorView(row, [first]);
  }
}
