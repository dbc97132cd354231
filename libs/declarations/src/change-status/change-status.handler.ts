import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, DomainError, InvalidFieldsError, FieldReader } from '@corridor/domain';
import { DeclarationCancelled, DeclarationCleared, DeclarationReferred, DeclarationReleased, DeclarationRiskAssessed, InspectionRecorded } from '../events';
import { assertTransition } from '../model/status';
import type { DeclarationView, InspectionResult } from '../model/views';
import { DeclarationRepository } from '../persistence/declaration.repository';
import { ChangeDeclarationStatus, OfficerStatus, RecordRiskAssessment } from './change-status.command';

const TARGETS: readonly OfficerStatus[] = ['released', 'referred', 'inspected', 'cleared', 'cancelled'];
const ERROR_TYPES = ['misclassification', 'origin', 'undervaluation', 'overvaluation', 'missing-certificate', 'quantity', 'prohibited', 'other'] as const;

@CommandHandler(ChangeDeclarationStatus)
export class ChangeDeclarationStatusHandler implements ICommandHandler<ChangeDeclarationStatus> {
  constructor(private readonly declarations: DeclarationRepository, private readonly events: EventBus) {}

  async execute({ declarationId, input, principal }: ChangeDeclarationStatus): Promise<DeclarationView> {
    const r = new FieldReader();
    const body = r.object(input, 'body') ?? {};
    r.known(body, '', ['status', 'note', 'inspection']);
    const status = r.oneOf(body.status, 'status', TARGETS);
    const note = r.string(body.note, 'note', { max: 2000, required: false });
    let inspection: InspectionResult | undefined;
    if (status === 'inspected') {
      const i = r.object(body.inspection, 'inspection');
      if (i) {
        r.known(i, 'inspection', ['result', 'findings']);
        const result = r.oneOf(i.result, 'inspection.result', ['compliant', 'non-compliant'] as const);
        const findings = r.array(i.findings, 'inspection.findings', { max: 999, required: false })?.map((f, n) => {
          const finding = r.object(f, `inspection.findings[${n}]`) ?? {};
          return {
            itemIndex: r.number(finding.itemIndex, `inspection.findings[${n}].itemIndex`, { max: 998, integer: true, required: false }),
            errorType: r.oneOf(finding.errorType, `inspection.findings[${n}].errorType`, ERROR_TYPES) as string,
            note: r.string(finding.note, `inspection.findings[${n}].note`, { max: 1000, required: false }),
          };
        });
        if (result === 'non-compliant' && (!findings || findings.length === 0)) r.fail('inspection.findings', 'must list at least one finding when the result is non-compliant');
        inspection = { result: result as InspectionResult['result'], findings: findings ?? [] };
      }
    } else if (body.inspection !== undefined) {
      r.fail('inspection', 'is only accepted with status "inspected"');
    }
    if (r.errors.length > 0) throw new InvalidFieldsError('STATUS_CHANGE.INVALID', r.errors);

    const isOfficer = principal.roles.includes('officer') || principal.roles.includes('admin');
    if (status !== 'cancelled' && !isOfficer) throw new DomainError('AUTH.FORBIDDEN', `only an officer may mark a declaration ${status}`, 'forbidden', 'status');

    const current = await this.declarations.get(declarationId);
    assertTransition(current.status, status as OfficerStatus);
    const at = new Date().toISOString();
    const view = await this.declarations.changeStatus(declarationId, current.status, { status: status as OfficerStatus, at, by: principal.id, note, details: inspection }, undefined, current);
    this.events.publish(eventFor(status as OfficerStatus, view, inspection, principal.id, at));
    return view;
  }
}

function eventFor(status: OfficerStatus, view: DeclarationView, inspection: InspectionResult | undefined, by: string, at: string) {
  switch (status) {
    case 'released': return new DeclarationReleased(view.id, by, at);
    case 'referred': return new DeclarationReferred(view.id, by, at);
    case 'inspected': return new InspectionRecorded(view.id, view.version, inspection as InspectionResult, by, at);
    case 'cleared': return new DeclarationCleared(view.id, by, at);
    case 'cancelled': return new DeclarationCancelled(view.id, by, at);
  }
}

/** Stores risk's verdict on the current version; a verdict on an outdated version is dropped. */
@CommandHandler(RecordRiskAssessment)
export class RecordRiskAssessmentHandler implements ICommandHandler<RecordRiskAssessment> {
  constructor(private readonly declarations: DeclarationRepository, private readonly events: EventBus) {}

  async execute({ declarationId, assessment, by }: RecordRiskAssessment): Promise<DeclarationView> {
    const current = await this.declarations.get(declarationId);
    if (current.version !== assessment.version) {
      throw new ConflictError('DECLARATION.STALE_ASSESSMENT', `the assessment is for version ${assessment.version} but the declaration is at version ${current.version}`);
    }
    assertTransition(current.status, 'risk-assessed');
    const view = await this.declarations.changeStatus(declarationId, current.status,
      { status: 'risk-assessed', at: assessment.assessedAt, by, details: { score: assessment.score, channel: assessment.channel, selected: assessment.selected, random: assessment.random } },
      assessment, current);
    this.events.publish(new DeclarationRiskAssessed(declarationId, assessment.version, assessment.channel, assessment.selected, assessment.assessedAt));
    return view;
  }
}
