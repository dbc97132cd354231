import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@corridor/domain';
import { LaneDirectory } from '../configure-lanes/lane-directory';
import { PassageRepository } from '../persistence/passage.repository';
import { GetCurrentPassage, GetPassage, ListPassages } from './get-passage.query';

@QueryHandler(GetPassage)
export class GetPassageHandler implements IQueryHandler<GetPassage> {
  constructor(private readonly passages: PassageRepository) {}

  execute({ passageId }: GetPassage) {
    return this.passages.view(passageId);
  }
}

@QueryHandler(GetCurrentPassage)
export class GetCurrentPassageHandler implements IQueryHandler<GetCurrentPassage> {
  constructor(private readonly directory: LaneDirectory, private readonly passages: PassageRepository) {}

  async execute({ laneId }: GetCurrentPassage) {
    await requireLane(this.directory, laneId);
    const view = await this.passages.current(laneId);
    if (!view) throw new NotFoundError('PASSAGE.NONE', `lane ${laneId} has no passage yet`);
    return view;
  }
}

@QueryHandler(ListPassages)
export class ListPassagesHandler implements IQueryHandler<ListPassages> {
  constructor(private readonly directory: LaneDirectory, private readonly passages: PassageRepository) {}

  async execute({ laneId, limit }: ListPassages) {
    await requireLane(this.directory, laneId);
    return this.passages.list(laneId, limit);
  }
}

export async function requireLane(directory: LaneDirectory, laneId: string) {
  const lane = await directory.get(laneId);
  if (!lane) throw new NotFoundError('LANE.NOT_FOUND', `no lane ${laneId}`);
  return lane;
}
