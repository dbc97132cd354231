import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { PassageView } from '../model/passage';

/** The officer's one action on a passage: release, refer to secondary, or hold at the booth. */
export class DecidePassage extends Command<PassageView> {
  constructor(readonly passageId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
