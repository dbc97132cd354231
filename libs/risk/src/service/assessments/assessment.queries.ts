import { Command, Query } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AssessmentsView, FeedbackView } from './assessment.views';

/** Latest assessment of a declaration, every earlier one, each with its full reasoning, and officers' feedback. */
export class GetRiskAssessments extends Query<AssessmentsView> {
  constructor(readonly declarationId: string) {
    super();
  }
}

/** An officer agrees or disagrees with one reason of the latest (or a given version's) assessment. */
export class RecordRiskFeedback extends Command<FeedbackView> {
  constructor(readonly declarationId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
