import { Query } from '@nestjs/cqrs';
import type { AdHocScore } from './score-ad-hoc.handler';

/** Scores a declaration body without storing anything (what-if, benches). */
export class ScoreAdHocDeclaration extends Query<AdHocScore> {
  constructor(readonly input: unknown) {
    super();
  }
}
