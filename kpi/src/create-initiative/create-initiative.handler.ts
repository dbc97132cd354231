import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InitiativeReadModel } from '../initiatives/initiative-read-model';
import { readNewInitiative } from '../model/initiative';
import type { InitiativeView } from '../model/views';
import { KpiRepository } from '../persistence/kpi.repository';
import { CreateInitiative } from './create-initiative.command';

@CommandHandler(CreateInitiative)
export class CreateInitiativeHandler implements ICommandHandler<CreateInitiative> {
  constructor(private readonly repository: KpiRepository, private readonly reader: InitiativeReadModel) {}

  async execute({ input, principal }: CreateInitiative): Promise<InitiativeView> {
    const now = new Date();
    const initiative = readNewInitiative(input, principal.id, now);
    const id = await this.repository.createInitiative(initiative, principal.id, now.toISOString());
    return this.reader.view(id, now);
  }
}
