import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { ArrangementView } from '../model/aeo';

/** A mutual-recognition arrangement: each administration sees the other's authorisations and their changes. */
export class CreateMutualRecognitionArrangement extends Command<ArrangementView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
