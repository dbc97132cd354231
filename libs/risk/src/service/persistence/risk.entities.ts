import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An expert rule: its current version, scope and whether it is applied. */
@Entity('risk_rules')
export class RiskRuleRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Index() @Column({ type: 'varchar', length: 40 }) scope!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ name: 'current_version', type: 'integer' }) currentVersion!: number;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'updated_by', type: 'varchar', length: 128 }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

/** Every version of a rule, immutable: an edit adds a version, none is changed. */
@Entity('risk_rule_versions')
export class RiskRuleVersionRow {
  @PrimaryColumn({ name: 'rule_id', type: 'varchar', length: 36 }) ruleId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  /** The rule definition, JSON. */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 128 }) author!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** Who created, revised, promoted, enabled or disabled a rule, and when. */
@Entity('risk_rule_changes')
export class RiskRuleChangeRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'rule_id', type: 'varchar', length: 36 }) ruleId!: string;
  @Column({ type: 'varchar', length: 16 }) change!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 128 }) by!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
}

/** A learned model per error type and version (JSON); incremental updates bump `revision`. */
@Entity('risk_models')
@Index('ux_risk_models_type_version', ['errorType', 'version'], { unique: true })
export class RiskModelRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'error_type', type: 'varchar', length: 40 }) errorType!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'integer' }) revision!: number;
  /** empty (no history), naive (smoothed statistics only) or trained (with boosted trees). */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'integer' }) rows!: number;
  @Column({ type: 'integer' }) positives!: number;
  @Column({ type: 'integer' }) observations!: number;
  @Column({ type: 'varchar', length: 32 }) trigger!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

/** The latest version of each scored declaration, flattened (rules' dry runs read these). */
@Entity('risk_declarations')
export class RiskDeclarationRow {
  @PrimaryColumn({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 5 }) office!: string;
  @Column({ name: 'lodged_at', type: 'varchar', length: 32 }) lodgedAt!: string;
  /** DeclarationFacts, JSON. */
  @Column({ type: 'text' }) facts!: string;
  @Column({ name: 'scored_at', type: 'varchar', length: 32 }) scoredAt!: string;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'varchar', length: 8 }) channel!: string;
  @Column({ type: 'boolean' }) selected!: boolean;
  @Column({ type: 'boolean' }) random!: boolean;
  @Column({ name: 'inspected_at', type: 'varchar', length: 32, nullable: true }) inspectedAt!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) result!: string | null;
  /** Inspection findings, JSON. */
  @Column({ type: 'text', nullable: true }) findings!: string | null;
}

/** One goods item of the latest version: its model row and, once inspected, its labels. */
@Entity('risk_items')
export class RiskItemRow {
  @PrimaryColumn({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @PrimaryColumn({ name: 'item_index', type: 'integer' }) itemIndex!: number;
  @Column({ type: 'integer' }) version!: number;
  @Index() @Column({ type: 'varchar', length: 6 }) hs6!: string;
  @Column({ type: 'varchar', length: 2 }) origin!: string;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
  @Column({ name: 'value_per_kg', type: 'double precision', nullable: true }) valuePerKg!: number | null;
  /** The model row (RiskRecord) as scored, JSON. */
  @Column({ type: 'text' }) record!: string;
  /** Error types found by inspection, JSON array; null until inspected. */
  @Column({ type: 'text', nullable: true }) labels!: string | null;
  @Index() @Column({ name: 'learned_at', type: 'varchar', length: 32, nullable: true }) learnedAt!: string | null;
}

/** When a party was first seen, and on which declaration. */
@Entity('risk_parties')
export class RiskPartyRow {
  @PrimaryColumn({ name: 'party_id', type: 'varchar', length: 17 }) partyId!: string;
  @Column({ name: 'first_declaration_id', type: 'varchar', length: 36 }) firstDeclarationId!: string;
  @Column({ name: 'first_seen_at', type: 'varchar', length: 32 }) firstSeenAt!: string;
}

/** Each distinct phone or address a party used, with when it was last used. */
@Entity('risk_party_contacts')
export class RiskPartyContactRow {
  @PrimaryColumn({ name: 'party_id', type: 'varchar', length: 17 }) partyId!: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) kind!: string;
  @PrimaryColumn({ type: 'varchar', length: 400 }) value!: string;
  @Column({ name: 'first_seen_at', type: 'varchar', length: 32 }) firstSeenAt!: string;
  @Column({ name: 'last_seen_at', type: 'varchar', length: 32 }) lastSeenAt!: string;
}

/** Every assessment made, with its full reasoning (the audit trail). */
@Entity('risk_assessments')
export class RiskAssessmentRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Index() @Column({ name: 'assessed_at', type: 'varchar', length: 32 }) assessedAt!: string;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'varchar', length: 8 }) channel!: string;
  @Column({ type: 'boolean' }) selected!: boolean;
  @Column({ type: 'boolean' }) random!: boolean;
  @Column({ name: 'model_version', type: 'text' }) modelVersion!: string;
  /** Reasons as reported to the declaration, JSON. */
  @Column({ type: 'text' }) reasons!: string;
  /** Inputs, rule hits, model outputs per error type and item, thresholds, random draw: JSON. */
  @Column({ type: 'text' }) audit!: string;
  /** recorded (on the declaration) or stale (the declaration had moved on). */
  @Column({ type: 'varchar', length: 16 }) outcome!: string;
  @Column({ type: 'varchar', length: 16 }) trigger!: string;
}

/** An officer agreeing or disagreeing with one reason of an assessment. */
@Entity('risk_feedback')
export class RiskFeedbackRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'assessment_id', type: 'varchar', length: 36 }) assessmentId!: string;
  @Index() @Column({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'reason_index', type: 'integer' }) reasonIndex!: number;
  @Column({ name: 'reason_text', type: 'text' }) reasonText!: string;
  @Column({ type: 'boolean' }) agree!: boolean;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 128 }) by!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
}

/** Selection settings (target rate...), changed over HTTP. */
@Entity('risk_settings')
export class RiskSettingRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'text' }) value!: string;
  @Column({ name: 'updated_by', type: 'varchar', length: 128 }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

export const RISK_ENTITIES = [RiskRuleRow, RiskRuleVersionRow, RiskRuleChangeRow, RiskModelRow, RiskDeclarationRow, RiskItemRow, RiskPartyRow, RiskPartyContactRow, RiskAssessmentRow, RiskFeedbackRow, RiskSettingRow];
