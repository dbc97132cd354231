import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GetRiskAssessmentsHandler, RecordRiskFeedbackHandler } from './assessments/assessment.handlers';
import { AssessmentsController } from './assessments/assessments.controller';
import { DryRunRiskRuleHandler } from './dry-run-rule/dry-run-rule.handler';
import { QueueLearningHandler } from './learning/inspection-recorded.handler';
import { LearnFromInspectionJob } from './learning/learn-from-inspection.job';
import { ModelRegistry } from './learning/model-registry';
import { ModelsController } from './learning/models.controller';
import { RetrainModelsJob } from './learning/retrain-models.job';
import { RuleBook } from './manage-rules/rule-book';
import { CreateRiskRuleHandler, GetRiskRuleHandler, ListRiskRulesHandler, PromoteRiskRuleHandler, ReviseRiskRuleHandler, SetRiskRuleEnabledHandler } from './manage-rules/rule.handlers';
import { RulesController } from './manage-rules/rules.controller';
import { AssessmentRepository } from './persistence/assessment.repository';
import { HistoryRepository } from './persistence/history.repository';
import { ModelRepository } from './persistence/model.repository';
import { RISK_ENTITIES } from './persistence/risk.entities';
import { RuleRepository } from './persistence/rule.repository';
import { DEFAULT_RISK_OPTIONS, RISK_OPTIONS, RiskLifecycle, type RiskModuleOptions } from './risk.lifecycle';
import { DeclarationScorer } from './scoring/declaration-scorer';
import { QueueScoringHandler } from './scoring/declaration-events.handler';
import { ScoreAdHocDeclarationHandler } from './scoring/score-ad-hoc.handler';
import { ScoreDeclarationJob } from './scoring/score-declaration.job';
import { ScoringController } from './scoring/scoring.controller';
import { SweepLodgedJob } from './scoring/sweep-lodged.job';
import { SelectionSettings } from './selection-policy/selection-settings';
import { ValuationService } from './valuation/valuation.service';

const PROVIDERS: Provider[] = [
  RuleRepository,
  ModelRepository,
  HistoryRepository,
  AssessmentRepository,
  ModelRegistry,
  ValuationService,
  RuleBook,
  SelectionSettings,
  DeclarationScorer,
  ScoreDeclarationJob,
  LearnFromInspectionJob,
  RetrainModelsJob,
  SweepLodgedJob,
  RiskLifecycle,
  QueueScoringHandler,
  QueueLearningHandler,
  CreateRiskRuleHandler,
  ReviseRiskRuleHandler,
  PromoteRiskRuleHandler,
  SetRiskRuleEnabledHandler,
  GetRiskRuleHandler,
  ListRiskRulesHandler,
  DryRunRiskRuleHandler,
  ScoreAdHocDeclarationHandler,
  GetRiskAssessmentsHandler,
  RecordRiskFeedbackHandler,
];

/**
 * Risk: expert rules (versioned, national or office scope, dry runs, promotion), a learned
 * model per error type that learns from every inspection and retrains daily, valuation and
 * party signals, selection at a target rate with a random compliance sample, and the audit
 * trail of every assessment. Register RISK_MIGRATIONS with the host (after
 * DECLARATION_MIGRATIONS) and import DeclarationsModule in the same host: scoring reads
 * declarations (GetDeclaration) and reports back (RecordRiskAssessment).
 */
@Module({
  imports: [TypeOrmModule.forFeature(RISK_ENTITIES)],
  controllers: [RulesController, AssessmentsController, ScoringController, ModelsController],
  providers: [...PROVIDERS, { provide: RISK_OPTIONS, useValue: DEFAULT_RISK_OPTIONS }],
  exports: [DeclarationScorer, ModelRegistry],
})
export class RiskModule {
  /** RiskModule with options, e.g. `{ schedule: false }` for tests that drive retrains themselves. */
  static forRoot(options: RiskModuleOptions = {}): DynamicModule {
    return { module: RiskModule, providers: [{ provide: RISK_OPTIONS, useValue: { ...DEFAULT_RISK_OPTIONS, ...options } }] };
  }
}
