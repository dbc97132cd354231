import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, InvalidValueError, NotFoundError } from '@corridor/domain';
import { AeoStatusChanged } from '../events';
import { parseStatusChange, toOperatorView, type AeoOperatorView, type AeoProgramme, type AeoStatus } from '../model/aeo';
import { AeoRepository } from '../persistence/aeo.repository';
import type { AeoOperatorRow } from '../persistence/ecert.entities';
import { ChangeAeoStatus } from './change-aeo-status.command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@CommandHandler(ChangeAeoStatus)
export class ChangeAeoStatusHandler implements ICommandHandler<ChangeAeoStatus> {
  constructor(private readonly aeo: AeoRepository, private readonly events: EventBus) {}

  async execute({ id, input, principal }: ChangeAeoStatus): Promise<AeoOperatorView> {
    const change = parseStatusChange(input);
    const row = await this.resolve(id, change.programme, change.administration);
    if (row.status === change.status) throw new ConflictError('AEO.NO_CHANGE', `${row.operatorId} is already ${change.status} under ${row.programme} (${row.administration})`, 'status');
    const at = new Date().toISOString();
    const entry = await this.aeo.changeStatus(row.id, row.status, {
      recordId: row.id,
      administration: row.administration,
      operatorId: row.operatorId,
      programme: row.programme,
      status: change.status,
      previousStatus: row.status,
      reason: change.reason ?? null,
      at,
      by: principal.id,
    });
    this.events.publish(new AeoStatusChanged(row.operatorId, row.administration, row.programme as AeoProgramme, change.status, row.status as AeoStatus, change.reason, at, entry.seq));
    const updated = await this.aeo.get(row.id);
    return toOperatorView(updated, await this.aeo.historyOf([row.id]));
  }

  private async resolve(id: string, programme?: string, administration?: string): Promise<AeoOperatorRow> {
    if (UUID.test(id)) return this.aeo.get(id);
    const rows = (await this.aeo.byOperator(id.replace(/[\s-]/g, '').toUpperCase())).filter((r) => (!programme || r.programme === programme) && (!administration || r.administration === administration));
    if (rows.length === 0) throw new NotFoundError('AEO.NOT_FOUND', `no AEO authorisation for ${id}${programme ? ` under ${programme}` : ''}`);
    if (rows.length > 1) throw new InvalidValueError('AEO.AMBIGUOUS', 'programme', `programme: ${id} holds ${rows.length} authorisations (${rows.map((r) => `${r.programme}/${r.administration}`).join(', ')}); say which with programme and administration`);
    return rows[0];
  }
}
