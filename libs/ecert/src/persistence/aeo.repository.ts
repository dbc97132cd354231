import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { DataSource, In, MoreThan, type Repository } from 'typeorm';
import { AeoArrangementRow, AeoOperatorRow, AeoStatusRow } from './ecert.entities';
import { isUniqueViolation } from './unique-violation';

type NewStatus = Omit<AeoStatusRow, 'seq'>;

/** The AEO registry's SQL: authorisations, their status history (the feed) and arrangements. */
@Injectable()
export class AeoRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores an authorisation with its first status; returns the history row (with its seq). */
  async register(row: AeoOperatorRow, first: NewStatus): Promise<AeoStatusRow> {
    return this.db.transaction(async (manager) => {
      await manager.getRepository(AeoOperatorRow).insert(row);
      return this.insertStatus(manager.getRepository(AeoStatusRow), first);
    }).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('AEO.EXISTS', `${row.administration} already registered ${row.operatorId} under ${row.programme}`, 'operatorId');
      throw error;
    });
  }

  /** Moves the status from `from`; a concurrent change loses with 409. */
  async changeStatus(recordId: string, from: string, change: NewStatus): Promise<AeoStatusRow> {
    return this.db.transaction(async (manager) => {
      const updated = await manager.getRepository(AeoOperatorRow).update({ id: recordId, status: from }, { status: change.status, statusReason: change.reason, since: change.at });
      if (!updated.affected) throw new ConflictError('AEO.CONCURRENT_CHANGE', 'the authorisation changed while this request was handled; read it again');
      return this.insertStatus(manager.getRepository(AeoStatusRow), change);
    });
  }

  private async insertStatus(repository: Repository<AeoStatusRow>, change: NewStatus): Promise<AeoStatusRow> {
    const result = await repository.insert(change);
    const seq = Number((result.identifiers[0] as { seq: number | string }).seq);
    return { ...change, seq };
  }

  async find(id: string): Promise<AeoOperatorRow | undefined> {
    return (await this.db.getRepository(AeoOperatorRow).findOneBy({ id })) ?? undefined;
  }

  async byOperator(operatorId: string): Promise<AeoOperatorRow[]> {
    return this.db.getRepository(AeoOperatorRow).find({ where: { operatorId }, order: { createdAt: 'ASC' } });
  }

  async list(administrations?: readonly string[]): Promise<AeoOperatorRow[]> {
    return this.db.getRepository(AeoOperatorRow).find({ where: administrations ? { administration: In([...administrations]) } : {}, order: { administration: 'ASC', operatorId: 'ASC' }, take: 1000 });
  }

  async historyOf(recordIds: readonly string[]): Promise<AeoStatusRow[]> {
    if (recordIds.length === 0) return [];
    return this.db.getRepository(AeoStatusRow).find({ where: { recordId: In([...recordIds]) }, order: { seq: 'ASC' } });
  }

  async historyAfter(seq: number, limit: number): Promise<AeoStatusRow[]> {
    return this.db.getRepository(AeoStatusRow).find({ where: { seq: MoreThan(seq) }, order: { seq: 'ASC' }, take: limit });
  }

  async lastSeq(): Promise<number> {
    const rows = await this.db.getRepository(AeoStatusRow).find({ select: { seq: true }, order: { seq: 'DESC' }, take: 1 });
    return rows[0] ? Number(rows[0].seq) : 0;
  }

  async insertArrangement(row: AeoArrangementRow): Promise<void> {
    await this.db.getRepository(AeoArrangementRow).insert(row).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('AEO.ARRANGEMENT_EXISTS', `${row.administrationA} and ${row.administrationB} already have a mutual-recognition arrangement`, 'administrations');
      throw error;
    });
  }

  async arrangements(administration?: string): Promise<AeoArrangementRow[]> {
    const repository = this.db.getRepository(AeoArrangementRow);
    if (!administration) return repository.find({ order: { createdAt: 'ASC' } });
    return repository.find({ where: [{ administrationA: administration }, { administrationB: administration }], order: { createdAt: 'ASC' } });
  }

  /** The administrations whose authorisations `administration` recognises: itself and its MRA partners. */
  async recognisedBy(administration: string): Promise<Set<string>> {
    const partners = new Set([administration]);
    for (const row of await this.arrangements(administration)) partners.add(row.administrationA === administration ? row.administrationB : row.administrationA);
    return partners;
  }

  async get(id: string): Promise<AeoOperatorRow> {
    const row = await this.find(id);
    if (!row) throw new NotFoundError('AEO.NOT_FOUND', `no AEO authorisation ${id}`);
    return row;
  }
}
