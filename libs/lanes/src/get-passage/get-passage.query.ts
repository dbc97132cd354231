import { Query } from '@nestjs/cqrs';
import type { PassageView } from '../model/passage';

export class GetPassage extends Query<PassageView> {
  constructor(readonly passageId: string) {
    super();
  }
}

/** The passage at the lane's booth: the oldest undecided one, else the last decided one. */
export class GetCurrentPassage extends Query<PassageView> {
  constructor(readonly laneId: string) {
    super();
  }
}

/** The lane's latest passages, newest first. */
export class ListPassages extends Query<PassageView[]> {
  constructor(readonly laneId: string, readonly limit: number) {
    super();
  }
}
