// OpenAPI shapes only: requests are validated by the model's readers (field paths in every 400),
// so these classes document the contract for the dashboard's generated client and validate nothing.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISIONS } from './gates/decide';
import { SCHEDULE_STATUSES } from './model/initiative';
import { DIRECTIONS } from './model/kpi-definition';
import { MEASUREMENT_SOURCES } from './model/measurement';
import { GATED_PHASES, PHASES, TARGET_PHASES } from './model/phases';
import { TRS_BUCKETS, TRS_EVENT_TYPES, TRS_SEGMENT_NAMES } from './trs/trs-aggregator';

export class PlannedDaysDto {
  @ApiProperty({ example: 90 }) min!: number;
  @ApiProperty({ example: 180 }) max!: number;
}

export class BaselineDto {
  @ApiProperty({ example: 90 }) value!: number;
  @ApiPropertyOptional({ example: 'manual PIL timing, 2 weeks before the pilot', nullable: true }) source?: string | null;
}

export class TargetsDto {
  @ApiPropertyOptional({ example: 60, description: 'Target at the gate into prototype' }) prototype?: number;
  @ApiPropertyOptional({ example: 45, description: 'Target at the gate into pilot' }) pilot?: number;
  @ApiPropertyOptional({ example: 45, description: 'Target at the gate into production' }) production?: number;
}

export class DefineKpiDto {
  @ApiProperty({ example: 'trusted-pil-processing-time', description: 'Slug, unique within the initiative' }) key!: string;
  @ApiPropertyOptional({ example: 'Trusted-truck PIL processing time', description: 'Defaults to the key' }) name?: string;
  @ApiProperty({ example: 's' }) unit!: string;
  @ApiProperty({ enum: DIRECTIONS, description: 'Which way is better ("lower-is-better" and "higher-is-better" are accepted too)' }) direction!: string;
  @ApiPropertyOptional({ type: BaselineDto, description: 'Targets may not be worse than it' }) baseline?: BaselineDto;
  @ApiPropertyOptional({ type: TargetsDto, description: 'Each later phase must ask at least as much as the one before' }) targets?: TargetsDto;
  @ApiPropertyOptional() description?: string;
}

export class UpdateKpiDto {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: BaselineDto }) baseline?: BaselineDto;
  @ApiPropertyOptional({ type: TargetsDto }) targets?: TargetsDto;
}

export class CreateInitiativeDto {
  @ApiProperty({ example: 'Secure Corridor: trusted-trader PIL' }) name!: string;
  @ApiPropertyOptional({ example: 'RFID, plate readers, CCTV and VoIP at the PIL' }) description?: string;
  @ApiPropertyOptional({ description: 'Defaults to the caller' }) owner?: string;
  @ApiPropertyOptional({ enum: GATED_PHASES, default: 'poc' }) phase?: string;
  @ApiPropertyOptional({ example: '2026-09-01T00:00:00Z', description: 'When the current phase began (defaults to now)' }) phaseStartedAt?: string;
  @ApiPropertyOptional({ description: 'Planned days per phase; defaults: poc 30-90, prototype 90-180, pilot 365-730', type: 'object', additionalProperties: { $ref: '#/components/schemas/PlannedDaysDto' } })
  plan?: Record<string, PlannedDaysDto>;
  @ApiPropertyOptional({ type: [DefineKpiDto], description: 'KPIs defined with the initiative, all or nothing' }) kpis?: DefineKpiDto[];
}

export class RecordMeasurementDto {
  @ApiProperty({ example: 'trusted-pil-processing-time', description: 'KPI key' }) kpi!: string;
  @ApiProperty({ example: 47.2, description: 'Finite number' }) value!: number;
  @ApiPropertyOptional({ type: [Number], example: [43.1, 51.3], description: '[lo, hi], must contain value' }) ci95?: [number, number];
  @ApiPropertyOptional({ example: 60 }) n?: number;
  @ApiPropertyOptional({ example: 's', description: "If given, must equal the KPI's unit" }) unit?: string;
  @ApiPropertyOptional({ enum: MEASUREMENT_SOURCES, default: 'manual' }) source?: string;
  @ApiPropertyOptional({ example: 'sim-2026-11-25-001' }) runId?: string;
  @ApiPropertyOptional({ example: 'prototype iteration 2' }) iteration?: string;
  @ApiPropertyOptional({ example: '2026-11-20T17:00:00Z', description: 'Defaults to now' }) at?: string;
  @ApiPropertyOptional() note?: string;
}

export class MeasurementDto {
  @ApiProperty() id!: string;
  @ApiProperty() initiativeId!: string;
  @ApiProperty() kpi!: string;
  @ApiProperty() value!: number;
  @ApiProperty({ type: [Number], nullable: true }) ci95!: [number, number] | null;
  @ApiProperty({ nullable: true }) n!: number | null;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: MEASUREMENT_SOURCES }) source!: string;
  @ApiProperty({ nullable: true }) runId!: string | null;
  @ApiProperty({ nullable: true }) iteration!: string | null;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class ScheduleDto {
  @ApiProperty() daysInPhase!: number;
  @ApiProperty({ type: PlannedDaysDto, nullable: true }) plannedDays!: PlannedDaysDto | null;
  @ApiProperty({ nullable: true, description: 'daysInPhase / plannedDays.max' }) progress!: number | null;
  @ApiProperty({ enum: SCHEDULE_STATUSES }) status!: string;
}

export class GateStatusDto {
  @ApiProperty({ enum: TARGET_PHASES, nullable: true }) next!: string | null;
  @ApiProperty() ready!: boolean;
  @ApiProperty() met!: number;
  @ApiProperty() total!: number;
}

export class InitiativeSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() phaseStartedAt!: string;
  @ApiProperty({ type: ScheduleDto }) schedule!: ScheduleDto;
  @ApiProperty() daysInPhase!: number;
  @ApiProperty({ type: PlannedDaysDto, nullable: true }) plannedDays!: PlannedDaysDto | null;
  @ApiProperty({ type: GateStatusDto }) gate!: GateStatusDto;
  @ApiProperty() kpiCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class PhaseSpellDto {
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: PlannedDaysDto, nullable: true }) plannedDays!: PlannedDaysDto | null;
  @ApiProperty() days!: number;
  @ApiProperty({ nullable: true }) decisionId!: string | null;
}

export class KpiViewDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty({ type: BaselineDto, nullable: true }) baseline!: BaselineDto | null;
  @ApiProperty({ type: TargetsDto }) targets!: TargetsDto;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ type: MeasurementDto, nullable: true }) latest!: MeasurementDto | null;
  @ApiProperty({ nullable: true, description: '(latest - baseline) / |baseline|' }) changeFromBaseline!: number | null;
  @ApiProperty({ nullable: true, description: 'The target of the next gate' }) nextTarget!: number | null;
  @ApiProperty() createdAt!: string;
}

export class InitiativeViewDto extends InitiativeSummaryDto {
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/PlannedDaysDto' } }) plan!: Record<string, PlannedDaysDto>;
  @ApiProperty({ type: [PhaseSpellDto] }) phaseHistory!: PhaseSpellDto[];
  @ApiProperty({ type: [KpiViewDto] }) kpis!: KpiViewDto[];
}

export class CriterionEvidenceDto {
  @ApiProperty() measurementId!: string;
  @ApiProperty({ enum: MEASUREMENT_SOURCES }) source!: string;
  @ApiProperty({ nullable: true }) runId!: string | null;
  @ApiProperty({ nullable: true }) iteration!: string | null;
  @ApiProperty() at!: string;
}

export class CriterionDto {
  @ApiProperty({ description: 'KPI key' }) kpi!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty() target!: number;
  @ApiProperty({ nullable: true, description: 'Latest measurement; null when there is none' }) value!: number | null;
  @ApiProperty({ type: [Number], nullable: true }) ci95!: [number, number] | null;
  @ApiProperty({ nullable: true }) n!: number | null;
  @ApiProperty({ nullable: true, description: 'The CI bound compared with the target (upper for lower-is-better), or the value' }) bound!: number | null;
  @ApiProperty() met!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: CriterionEvidenceDto, nullable: true }) evidence!: CriterionEvidenceDto | null;
}

export class GateDto {
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: TARGET_PHASES, nullable: true }) next!: string | null;
  @ApiProperty({ description: 'Every KPI with a target for `next` meets it, and there is at least one' }) ready!: boolean;
  @ApiProperty() met!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [CriterionDto] }) criteria!: CriterionDto[];
  @ApiProperty({ type: [String] }) runIds!: string[];
}

export class DecideGateDto {
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiPropertyOptional({ description: 'Required with override' }) note?: string;
  @ApiPropertyOptional({ description: 'go although the gate is not ready (recorded as an override)' }) override?: boolean;
  @ApiPropertyOptional({ description: 'no-go that stops the initiative' }) stop?: boolean;
}

export class GateDecisionDto {
  @ApiProperty() id!: string;
  @ApiProperty() initiativeId!: string;
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty() override!: boolean;
  @ApiProperty() stop!: boolean;
  @ApiProperty({ enum: PHASES }) from!: string;
  @ApiProperty({ enum: PHASES, nullable: true }) to!: string | null;
  @ApiProperty() moved!: boolean;
  @ApiProperty({ enum: PHASES, description: 'Phase after the decision' }) phase!: string;
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: GateDto, description: 'The gate as it stood: criteria, measurements and run ids considered' }) evidence!: GateDto;
}

export class RunKpiDto {
  @ApiProperty({ example: 44.1 }) mean!: number;
  @ApiPropertyOptional({ type: [Number], example: [41.9, 46.3] }) ci95?: [number, number];
  @ApiPropertyOptional({ example: 's' }) unit?: string;
  @ApiPropertyOptional({ example: 30, description: 'Replications' }) n?: number;
  @ApiPropertyOptional({ description: 'Also accepted: the simulator\'s interval shape (sd, halfWidth, lower, upper, level 0.95, min, max); [lower, upper] stands for ci95 when ci95 is absent' })
  sd?: number;
}

export class PublishRunDto {
  @ApiProperty({ example: 'sim-secure-corridor-2026-11-25-001' }) runId!: string;
  @ApiPropertyOptional({ example: '5ec0c0de-c0de-4c0d-8c0d-5ec0c0de0001' }) initiativeId?: string;
  @ApiProperty({ example: 'secure-corridor-pilot' }) scenario!: string;
  @ApiPropertyOptional() iteration?: string;
  @ApiPropertyOptional() at?: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/RunKpiDto' }, description: 'KPI name -> summary; names equal to a KPI key of the initiative become measurements' })
  kpis!: Record<string, RunKpiDto>;
  @ApiPropertyOptional({ type: 'array', items: {}, description: 'Any JSON series for charts' }) series?: unknown[];
  @ApiPropertyOptional({ example: 30 }) replications?: number;
  @ApiPropertyOptional({ example: 42 }) seed?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Anything else to keep with the run (at most 64 KB)' }) meta?: Record<string, unknown>;
}

export class RunViewDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ nullable: true }) initiativeId!: string | null;
  @ApiProperty() scenario!: string;
  @ApiProperty({ nullable: true }) iteration!: string | null;
  @ApiProperty() at!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/RunKpiDto' } }) kpis!: Record<string, RunKpiDto>;
  @ApiProperty({ type: 'array', items: {}, nullable: true }) series!: unknown[] | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'replications, seed, meta' }) meta!: Record<string, unknown> | null;
  @ApiProperty() publishedAt!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty({ type: [MeasurementDto] }) measurements!: MeasurementDto[];
  @ApiProperty({ type: [String] }) unmatched!: string[];
  @ApiPropertyOptional({ description: 'true when the same run was published before' }) replayed?: boolean;
}

export class RunSummaryDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ nullable: true }) initiativeId!: string | null;
  @ApiProperty() scenario!: string;
  @ApiProperty({ nullable: true }) iteration!: string | null;
  @ApiProperty() at!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/RunKpiDto' } }) kpis!: Record<string, RunKpiDto>;
  @ApiProperty() publishedAt!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) meta!: Record<string, unknown> | null;
  @ApiProperty() seriesLength!: number;
}

export class TrsEventDto {
  @ApiProperty({ enum: TRS_EVENT_TYPES }) type!: string;
  @ApiProperty({ example: '2026-11-25T08:00:12Z' }) at!: string;
  @ApiPropertyOptional({ description: 'Lane events: passageId or truckId' }) passageId?: string;
  @ApiPropertyOptional() truckId?: string;
  @ApiPropertyOptional({ description: 'Required for lodged and risk-result' }) declarationId?: string;
  @ApiPropertyOptional({ example: 'fast-1' }) lane?: string;
}

export class SegmentStatsDto {
  @ApiProperty() n!: number;
  @ApiProperty({ nullable: true }) mean!: number | null;
  @ApiProperty({ nullable: true }) p50!: number | null;
  @ApiProperty({ nullable: true }) p90!: number | null;
  @ApiProperty({ nullable: true }) min!: number | null;
  @ApiProperty({ nullable: true }) max!: number | null;
  @ApiProperty({ nullable: true }) sd!: number | null;
}

export class TrsSegmentDto {
  @ApiProperty({ enum: TRS_SEGMENT_NAMES }) name!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: TRS_EVENT_TYPES }) start!: string;
  @ApiProperty({ enum: TRS_EVENT_TYPES }) end!: string;
  @ApiProperty({ nullable: true, description: 'Set on the PIL sub-segments that stack up to pil-total' }) stackedIn!: string | null;
}

export class TrsBucketDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SegmentStatsDto' }, description: 'segment name -> stats (seconds)' })
  segments!: Record<string, SegmentStatsDto>;
}

export class TrsBreakdownDto {
  @ApiProperty({ enum: TRS_BUCKETS }) bucket!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 's' }) unit!: string;
  @ApiProperty({ nullable: true }) lane!: string | null;
  @ApiProperty({ type: [TrsSegmentDto] }) segments!: TrsSegmentDto[];
  @ApiProperty({ type: [TrsBucketDto] }) buckets!: TrsBucketDto[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SegmentStatsDto' } }) totals!: Record<string, SegmentStatsDto>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) open!: Record<string, number>;
}

export class RecordTrsMeasurementsDto {
  @ApiProperty() initiativeId!: string;
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional({ enum: TRS_BUCKETS, default: 'hour' }) bucket?: string;
  @ApiPropertyOptional() lane?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'pil-total': 'trusted-pil-processing-time' }, description: 'segment -> KPI key (KPI unit s, min or h)' })
  kpis!: Record<string, string>;
}
