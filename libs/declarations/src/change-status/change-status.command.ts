import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { DeclarationView, InspectionResult, RiskAssessment } from '../model/views';

export type OfficerStatus = 'released' | 'referred' | 'inspected' | 'cleared' | 'cancelled';

/** An officer's (or declarant's, for cancellation) decision on a declaration. */
export class ChangeDeclarationStatus extends Command<DeclarationView> {
  constructor(readonly declarationId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

/** The risk context reports its assessment of one version. */
export class RecordRiskAssessment extends Command<DeclarationView> {
  constructor(readonly declarationId: string, readonly assessment: RiskAssessment, readonly by = 'risk-engine') {
    super();
  }
}

export type { InspectionResult };
