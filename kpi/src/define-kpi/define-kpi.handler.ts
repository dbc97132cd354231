import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@corridor/domain';
import { InitiativeReadModel } from '../initiatives/initiative-read-model';
import { InputReader, present } from '../model/input-reader';
import { readKpiDefinition, readKpiPatch } from '../model/kpi-definition';
import type { KpiView } from '../model/views';
import { KpiRepository } from '../persistence/kpi.repository';
import { DefineKpi, UpdateKpi } from './define-kpi.command';

@CommandHandler(DefineKpi)
export class DefineKpiHandler implements ICommandHandler<DefineKpi> {
  constructor(private readonly repository: KpiRepository, private readonly reader: InitiativeReadModel) {}

  async execute({ initiativeId, input, principal }: DefineKpi): Promise<KpiView> {
    await this.repository.initiative(initiativeId);
    const r = new InputReader();
    const read = readKpiDefinition(r, input);
    r.throwIfInvalid();
    const kpi = present(read);
    await this.repository.addKpi(initiativeId, kpi, principal.id, new Date().toISOString());
    return kpiView(await this.reader.view(initiativeId), kpi.key);
  }
}

@CommandHandler(UpdateKpi)
export class UpdateKpiHandler implements ICommandHandler<UpdateKpi> {
  constructor(private readonly repository: KpiRepository, private readonly reader: InitiativeReadModel) {}

  async execute({ initiativeId, key, input }: UpdateKpi): Promise<KpiView> {
    await this.repository.initiative(initiativeId);
    const current = (await this.repository.kpis(initiativeId)).find((k) => k.key === key);
    if (!current) throw new NotFoundError('KPI.KPI_NOT_FOUND', `initiative ${initiativeId} has no KPI "${key}"`);
    const r = new InputReader();
    const next = readKpiPatch(r, input, current);
    r.throwIfInvalid();
    await this.repository.updateKpi(initiativeId, present(next), new Date().toISOString());
    return kpiView(await this.reader.view(initiativeId), key);
  }
}

function kpiView(view: { kpis: KpiView[] }, key: string): KpiView {
  return present(view.kpis.find((k) => k.key === key));
}
