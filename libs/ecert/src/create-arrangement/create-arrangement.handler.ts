import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { parseArrangement, type ArrangementView } from '../model/aeo';
import { AeoRepository } from '../persistence/aeo.repository';
import type { AeoArrangementRow } from '../persistence/ecert.entities';
import { AeoFeed } from '../aeo-feed/aeo-feed';
import { CreateMutualRecognitionArrangement } from './create-arrangement.command';

@CommandHandler(CreateMutualRecognitionArrangement)
export class CreateArrangementHandler implements ICommandHandler<CreateMutualRecognitionArrangement> {
  constructor(private readonly aeo: AeoRepository, private readonly feed: AeoFeed) {}

  async execute({ input, principal }: CreateMutualRecognitionArrangement): Promise<ArrangementView> {
    const request = parseArrangement(input);
    const row: AeoArrangementRow = {
      id: randomUUID(),
      administrationA: request.administrations[0],
      administrationB: request.administrations[1],
      name: request.name ?? null,
      createdAt: new Date().toISOString(),
      createdBy: principal.id,
    };
    await this.aeo.insertArrangement(row);
    this.feed.arrangementsChanged();
    return toArrangementView(row);
  }
}

export function toArrangementView(row: AeoArrangementRow): ArrangementView {
  return { id: row.id, administrations: [row.administrationA, row.administrationB], ...(row.name ? { name: row.name } : {}), createdAt: row.createdAt };
}
