import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidValueError } from '@corridor/domain';
import { toArrangementView } from '../create-arrangement/create-arrangement.handler';
import { sortHistory, statusAt, toOperatorView, type AeoOperatorView, type AeoProgramme, type AeoStatus, type AeoStatusAnswer, type ArrangementView, type TrustedStatus } from '../model/aeo';
import { AeoRepository } from '../persistence/aeo.repository';
import type { AeoOperatorRow, AeoStatusRow } from '../persistence/ecert.entities';
import { GetAeoStatus, GetTrustedStatus, ListAeoOperators, ListArrangements } from './get-aeo-status.query';

interface StatusAtTime {
  record: AeoOperatorRow;
  entry: AeoStatusRow;
}

/** Each visible authorisation of the operator with the status it had at `at`. */
async function statusesAt(aeo: AeoRepository, operatorId: string, at: string, asSeenBy?: string, programme?: string): Promise<StatusAtTime[]> {
  const normalised = operatorId.replace(/[\s-]/g, '').toUpperCase();
  let records = (await aeo.byOperator(normalised)).filter((r) => !programme || r.programme === programme);
  if (asSeenBy) {
    const recognised = await aeo.recognisedBy(asSeenBy);
    records = records.filter((r) => recognised.has(r.administration));
  }
  const history = sortHistory(await aeo.historyOf(records.map((r) => r.id)));
  return records.flatMap((record) => {
    const entry = statusAt(history.filter((h) => h.recordId === record.id), at);
    return entry ? [{ record, entry }] : [];
  });
}

function instant(at: string | Date | undefined): string {
  if (at === undefined) return new Date().toISOString();
  const time = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(time)) throw new InvalidValueError('AEO.INVALID_QUERY', 'at', 'at: must be an ISO 8601 date-time');
  return new Date(time).toISOString();
}

@QueryHandler(GetAeoStatus)
export class GetAeoStatusHandler implements IQueryHandler<GetAeoStatus> {
  constructor(private readonly aeo: AeoRepository) {}

  async execute({ operatorId, options }: GetAeoStatus): Promise<AeoStatusAnswer> {
    const at = instant(options.at);
    const found = await statusesAt(this.aeo, operatorId, at, options.asSeenBy, options.programme);
    const base = { operatorId: operatorId.replace(/[\s-]/g, '').toUpperCase(), at, ...(options.asSeenBy ? { asSeenBy: options.asSeenBy } : {}) };
    // A granted authorisation answers the question (AEO first); otherwise the most recent change.
    const granted = found.filter((f) => f.entry.status === 'granted').sort((a, b) => Number(b.record.programme === 'AEO') - Number(a.record.programme === 'AEO'));
    const chosen = granted[0] ?? [...found].sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.entry.seq - a.entry.seq)[0];
    if (!chosen) return { ...base, aeo: false, status: 'unknown', since: null, programme: null, administration: null };
    return {
      ...base,
      aeo: chosen.entry.status === 'granted',
      status: chosen.entry.status as AeoStatus,
      since: chosen.entry.at,
      programme: chosen.record.programme as AeoProgramme,
      administration: chosen.record.administration,
      name: chosen.record.name,
      ...(chosen.entry.reason ? { reason: chosen.entry.reason } : {}),
    };
  }
}

@QueryHandler(GetTrustedStatus)
export class GetTrustedStatusHandler implements IQueryHandler<GetTrustedStatus> {
  constructor(private readonly aeo: AeoRepository) {}

  async execute({ operatorId, at, asSeenBy }: GetTrustedStatus): Promise<TrustedStatus> {
    const when = instant(at);
    const found = await statusesAt(this.aeo, operatorId, when, asSeenBy);
    const programmes = found.map(({ record, entry }) => ({
      programme: record.programme as AeoProgramme,
      administration: record.administration,
      status: entry.status as AeoStatus,
      since: entry.at,
      name: record.name,
      ...(entry.reason ? { reason: entry.reason } : {}),
    }));
    return { operatorId: operatorId.replace(/[\s-]/g, '').toUpperCase(), at: when, trusted: programmes.some((p) => p.status === 'granted'), programmes };
  }
}

@QueryHandler(ListAeoOperators)
export class ListAeoOperatorsHandler implements IQueryHandler<ListAeoOperators> {
  constructor(private readonly aeo: AeoRepository) {}

  async execute({ asSeenBy }: ListAeoOperators): Promise<AeoOperatorView[]> {
    const rows = await this.aeo.list(asSeenBy ? [...(await this.aeo.recognisedBy(asSeenBy))] : undefined);
    const history = await this.aeo.historyOf(rows.map((r) => r.id));
    return rows.map((row) => toOperatorView(row, history.filter((h) => h.recordId === row.id)));
  }
}

@QueryHandler(ListArrangements)
export class ListArrangementsHandler implements IQueryHandler<ListArrangements> {
  constructor(private readonly aeo: AeoRepository) {}

  async execute({ administration }: ListArrangements): Promise<ArrangementView[]> {
    return (await this.aeo.arrangements(administration)).map(toArrangementView);
  }
}
