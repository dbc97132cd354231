import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FieldReader, InvalidFieldsError, InvalidValueError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { AssessmentRepository } from '../persistence/assessment.repository';
import type { RiskAssessmentRow } from '../persistence/risk.entities';
import { GetRiskAssessments, RecordRiskFeedback } from './assessment.queries';
import { toAssessmentView, toFeedbackView, type AssessmentsView, type FeedbackView } from './assessment.views';

@QueryHandler(GetRiskAssessments)
export class GetRiskAssessmentsHandler implements IQueryHandler<GetRiskAssessments> {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ declarationId }: GetRiskAssessments): Promise<AssessmentsView> {
    const rows = await this.assessments.history(declarationId);
    if (rows.length === 0) throw new NotFoundError('RISK.ASSESSMENT_NOT_FOUND', `declaration ${declarationId} has no risk assessment`);
    const history = rows.map(toAssessmentView);
    const latest = history.find((a) => a.outcome === 'recorded') ?? history[0];
    const feedback = (await this.assessments.feedback(declarationId)).map(toFeedbackView);
    return { declarationId, latest, history, feedback };
  }
}

@CommandHandler(RecordRiskFeedback)
export class RecordRiskFeedbackHandler implements ICommandHandler<RecordRiskFeedback> {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ declarationId, input, principal }: RecordRiskFeedback): Promise<FeedbackView> {
    const r = new FieldReader();
    const body = r.object(input, 'body') ?? {};
    r.known(body, '', ['reasonIndex', 'agree', 'note', 'version']);
    const reasonIndex = r.number(body.reasonIndex, 'reasonIndex', { max: 999, integer: true });
    const agree = r.boolean(body.agree, 'agree');
    const note = r.string(body.note, 'note', { max: 2000, required: false });
    const version = r.number(body.version, 'version', { min: 1, max: 9999, integer: true, required: false });
    if (r.errors.length > 0) throw new InvalidFieldsError('RISK.INVALID_FEEDBACK', r.errors);

    const rows = await this.assessments.history(declarationId);
    const candidates = rows.filter((a) => version === undefined || a.version === version);
    const assessment: RiskAssessmentRow | undefined = candidates.find((a) => a.outcome === 'recorded') ?? candidates[0];
    if (!assessment) throw new NotFoundError('RISK.ASSESSMENT_NOT_FOUND', `declaration ${declarationId} has no risk assessment${version ? ` of version ${version}` : ''}`);
    const reasons: Array<{ text: string }> = JSON.parse(assessment.reasons);
    if ((reasonIndex as number) >= reasons.length) {
      throw new InvalidValueError('RISK.INVALID_FEEDBACK', 'reasonIndex', `must be from 0 to ${reasons.length - 1}: the assessment has ${reasons.length} reason(s)`);
    }
    const row = {
      id: randomUUID(), assessmentId: assessment.id, declarationId, version: assessment.version, reasonIndex: reasonIndex as number, reasonText: reasons[reasonIndex as number].text,
      agree: agree as boolean, note: note ?? null, by: principal.id, at: new Date().toISOString(),
    };
    await this.assessments.addFeedback(row);
    return toFeedbackView(row);
  }
}
