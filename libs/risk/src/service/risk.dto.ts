// OpenAPI shapes only: requests are validated by the rule parser and the declarations
// context's parseDeclaration, so these classes document the contract and validate nothing.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPERATORS, RULE_FIELD_NAMES } from './rule-language/rule-language';

export class RiskRuleConditionDto {
  @ApiProperty({ enum: RULE_FIELD_NAMES, example: 'hsPrefix', description: 'Declaration fields (type, office, importerId, declarantId, exporterId, carrierId, incoterm, transportMode, itemCount, discrepancy, discrepancyCount, discrepancyField) or item fields (hsCode, hsPrefix, origin, currency, unit, description, quantity, grossMassKg, netMassKg, value, valuePerKg, certificateCount, itemDiscrepancy)' }) field!: string;
  @ApiPropertyOptional({ enum: OPERATORS, description: 'Default: in for a list, contains for description, eq otherwise' }) op?: string;
  @ApiProperty({ example: '0804', description: 'A string, number, boolean, list (in/notIn) or [low, high] (between)' }) value!: unknown;
}

export class RiskRuleActionDto {
  @ApiProperty({ enum: ['select', 'raise', 'require-documents'] }) type!: string;
  @ApiPropertyOptional({ enum: ['red', 'yellow'], description: 'select' }) channel?: string;
  @ApiPropertyOptional({ example: 0.2, description: 'raise: added to the score (0 to 1)' }) by?: number;
  @ApiPropertyOptional({ type: [String], example: ['certificate of origin'], description: 'require-documents' }) documents?: string[];
}

export class RiskRuleDto {
  @ApiProperty({ example: 'Avocados from EC declared cheap' }) name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: 'office:USDET', description: 'national, or office:<UN/LOCODE>. Officers write office rules; managers and admins national ones' }) scope!: string;
  @ApiPropertyOptional({ enum: ['all', 'any'], description: 'all (default): every declaration condition and one item meeting every item condition' }) match?: string;
  @ApiProperty({ type: [RiskRuleConditionDto] }) conditions!: RiskRuleConditionDto[];
  @ApiProperty({ type: RiskRuleActionDto }) action!: RiskRuleActionDto;
}

export class RiskRuleViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'office:USDET' }) scope!: string;
  @ApiProperty({ description: 'Rules start disabled: dry-run them, then enable' }) enabled!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: RiskRuleDto }) definition!: RiskRuleDto;
  @ApiProperty({ description: 'Author of the current version' }) author!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: string;
}

export class RiskRuleVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: RiskRuleDto }) definition!: RiskRuleDto;
  @ApiProperty() author!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ example: 'promoted from office:USDET' }) note?: string;
}

export class RiskRuleChangeDto {
  @ApiProperty({ enum: ['created', 'revised', 'promoted', 'enabled', 'disabled'] }) change!: string;
  @ApiProperty() version!: number;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class RiskRuleDetailDto extends RiskRuleViewDto {
  @ApiProperty({ type: [RiskRuleVersionDto], description: 'Newest first' }) versions!: RiskRuleVersionDto[];
  @ApiProperty({ type: [RiskRuleChangeDto] }) changes!: RiskRuleChangeDto[];
}

export class RiskRulePromotionDto {
  @ApiPropertyOptional({ example: 'caught 9 undervalued loads at Detroit in a month' }) note?: string;
}

export class RiskDryRunRequestDto {
  @ApiProperty({ type: RiskRuleDto }) rule!: RiskRuleDto;
}

export class RiskOutcomeCountsDto {
  @ApiProperty() declarations!: number;
  @ApiProperty() inspected!: number;
  @ApiProperty() nonCompliant!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) nonCompliantRate!: number | null;
}

export class RiskDryRunResultDto {
  @ApiProperty({ example: 'HS code starts with 0804 and origin is EC: select for the red channel' }) rule!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ description: 'Past declarations in scope' }) evaluated!: number;
  @ApiProperty() hits!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) hitRate!: number | null;
  @ApiProperty({ type: RiskOutcomeCountsDto, description: 'Inspections among the hits' }) outcomes!: RiskOutcomeCountsDto;
  @ApiProperty({ type: RiskOutcomeCountsDto, description: 'Inspections among every evaluated declaration' }) baseline!: RiskOutcomeCountsDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) channels!: Record<string, number>;
  @ApiProperty() selectedByRisk!: number;
  @ApiProperty() randomSample!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) findings!: Record<string, number>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) examples!: unknown[];
}

export class RiskReasonDto {
  @ApiProperty({ example: 'item 1 (HS 0804.50 from EC): HS code 0804.50 with origin EC: 9 of 11 past inspections found misclassification' }) text!: string;
  @ApiProperty({ description: 'Log-odds this evidence adds (rules that select: 5)' }) weight!: number;
  @ApiPropertyOptional() itemIndex?: number;
  @ApiProperty({ enum: ['model', 'valuation', 'entity', 'discrepancy', 'rule', 'sample'] }) source!: string;
  @ApiPropertyOptional() errorType?: string;
  @ApiPropertyOptional() ruleId?: string;
}

export class RiskScoreRequestDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A declaration body as lodged (POST /api/declarations)' }) declaration!: Record<string, unknown>;
}

export class RiskScoredItemDto {
  @ApiProperty() itemIndex!: number;
  @ApiProperty() hsCode!: string;
  @ApiProperty() origin!: string;
  @ApiProperty({ description: 'Probability of any modelled error' }) risk!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Per error type' }) probabilities!: Record<string, number>;
}

export class RiskScoreResultDto {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) channel!: string;
  @ApiProperty() selected!: boolean;
  @ApiProperty({ description: 'Always false: no random sample is drawn for a what-if' }) random!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) threshold!: number | null;
  @ApiProperty({ type: [RiskReasonDto], description: 'Largest weight first' }) reasons!: RiskReasonDto[];
  @ApiProperty() modelVersion!: string;
  @ApiProperty({ type: [RiskScoredItemDto] }) items!: RiskScoredItemDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) ruleHits!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) discrepancies!: unknown[];
}

export class RiskSelectionDto {
  @ApiProperty({ example: 0.02, description: 'Share of declarations selected by risk (0 to 0.5)' }) targetRate!: number;
  @ApiPropertyOptional({ example: 50, description: 'Recent scores needed before a threshold is trusted (1 to 2000)' }) minHistory?: number;
}

export class RiskSelectionViewDto {
  @ApiProperty() targetRate!: number;
  @ApiProperty() minHistory!: number;
  @ApiProperty({ description: 'RISK_RANDOM_SAMPLING_RATE (configuration)' }) randomRate!: number;
  @ApiProperty() randomSeed!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Score from which a declaration is selected now' }) threshold!: number | null;
  @ApiProperty() historySize!: number;
  @ApiProperty() window!: number;
  @ApiPropertyOptional() updatedBy?: string;
  @ApiPropertyOptional() updatedAt?: string;
}

export class RiskFeedbackDto {
  @ApiProperty({ example: 0, description: 'Index in the assessment\'s reasons' }) reasonIndex!: number;
  @ApiProperty() agree!: boolean;
  @ApiPropertyOptional({ example: 'the description matches 0804.50; fresh, not dried' }) note?: string;
  @ApiPropertyOptional({ description: 'Declaration version of the assessment (default: the latest)' }) version?: number;
}

export class RiskFeedbackViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() assessmentId!: string;
  @ApiProperty() declarationId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() reasonIndex!: number;
  @ApiProperty() reasonText!: string;
  @ApiProperty() agree!: boolean;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class RiskAssessmentViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() declarationId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() assessedAt!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) channel!: string;
  @ApiProperty() selected!: boolean;
  @ApiProperty() random!: boolean;
  @ApiProperty() modelVersion!: string;
  @ApiProperty({ enum: ['recorded', 'stale'] }) outcome!: string;
  @ApiProperty({ enum: ['lodged', 'amended', 'sweep'] }) trigger!: string;
  @ApiProperty({ type: [RiskReasonDto] }) reasons!: RiskReasonDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Inputs, signals, rule hits, model outputs per error type and item, combination, threshold and random draw' }) audit!: Record<string, unknown>;
}

export class RiskAssessmentsViewDto {
  @ApiProperty() declarationId!: string;
  @ApiProperty({ type: RiskAssessmentViewDto }) latest!: RiskAssessmentViewDto;
  @ApiProperty({ type: [RiskAssessmentViewDto], description: 'Newest first' }) history!: RiskAssessmentViewDto[];
  @ApiProperty({ type: [RiskFeedbackViewDto] }) feedback!: RiskFeedbackViewDto[];
}

export class RiskModelVersionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'misclassification' }) errorType!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Incremental updates since the version was stored' }) revision!: number;
  @ApiProperty({ enum: ['empty', 'naive', 'trained'] }) kind!: string;
  @ApiProperty() rows!: number;
  @ApiProperty() positives!: number;
  @ApiProperty() observations!: number;
  @ApiProperty({ example: 'schedule' }) trigger!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RiskRetrainQueuedDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ example: 'risk.retrain' }) queue!: string;
}
