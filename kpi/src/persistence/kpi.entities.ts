import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Timestamps are ISO 8601 strings in varchar(32) (as in every context): they sort as text and read
// the same on SQLite and PostgreSQL. JSON columns are text for the same reason.

@Entity('kpi_initiatives')
export class InitiativeRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', length: 128 }) owner!: string;
  @Column({ type: 'varchar', length: 16 }) phase!: string;
  @Column({ name: 'phase_started_at', type: 'varchar', length: 32 }) phaseStartedAt!: string;
  /** The initiative's own planned durations per phase, JSON; missing phases use the method's defaults. */
  @Column({ type: 'text' }) plan!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

/** One row per phase the initiative has been in; the open one has no end. */
@Entity('kpi_phase_history')
export class PhaseSpellRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'initiative_id', type: 'varchar', length: 36 }) initiativeId!: string;
  @Column({ type: 'varchar', length: 16 }) phase!: string;
  @Column({ name: 'started_at', type: 'varchar', length: 32 }) startedAt!: string;
  @Column({ name: 'ended_at', type: 'varchar', length: 32, nullable: true }) endedAt!: string | null;
  @Column({ name: 'planned_min_days', type: 'integer', nullable: true }) plannedMinDays!: number | null;
  @Column({ name: 'planned_max_days', type: 'integer', nullable: true }) plannedMaxDays!: number | null;
  /** The decision that opened this phase; null for the phase the initiative was registered in. */
  @Column({ name: 'decision_id', type: 'varchar', length: 36, nullable: true }) decisionId!: string | null;
}

@Entity('kpi_definitions')
@Index('ux_kpi_definitions_key', ['initiativeId', 'key'], { unique: true })
export class KpiDefinitionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 }) initiativeId!: string;
  @Column({ type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) unit!: string;
  @Column({ type: 'varchar', length: 8 }) direction!: string;
  @Column({ name: 'baseline_value', type: 'double precision', nullable: true }) baselineValue!: number | null;
  @Column({ name: 'baseline_source', type: 'text', nullable: true }) baselineSource!: string | null;
  /** {phase: target}, JSON. */
  @Column({ type: 'text' }) targets!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  /** Creation order within the initiative, so the dashboard lists KPIs as they were defined. */
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

/** Measurements are append-only: a correction is a newer measurement, so the gate's evidence stays readable. */
@Entity('kpi_measurements')
@Index('ix_kpi_measurements_kpi_at', ['initiativeId', 'kpiKey', 'at'])
export class MeasurementRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 }) initiativeId!: string;
  @Column({ name: 'kpi_key', type: 'varchar', length: 64 }) kpiKey!: string;
  @Column({ type: 'double precision' }) value!: number;
  @Column({ name: 'ci_lo', type: 'double precision', nullable: true }) ciLo!: number | null;
  @Column({ name: 'ci_hi', type: 'double precision', nullable: true }) ciHi!: number | null;
  @Column({ type: 'integer', nullable: true }) n!: number | null;
  @Column({ type: 'varchar', length: 32 }) unit!: string;
  @Column({ type: 'varchar', length: 16 }) source!: string;
  @Index() @Column({ name: 'run_id', type: 'varchar', length: 128, nullable: true }) runId!: string | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) iteration!: string | null;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'recorded_at', type: 'varchar', length: 32 }) recordedAt!: string;
  @Column({ name: 'recorded_by', type: 'varchar', length: 128 }) recordedBy!: string;
}

@Entity('kpi_decisions')
export class DecisionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'initiative_id', type: 'varchar', length: 36 }) initiativeId!: string;
  @Column({ type: 'varchar', length: 8 }) decision!: string;
  @Column({ type: 'boolean' }) override!: boolean;
  @Column({ type: 'boolean' }) stop!: boolean;
  @Column({ name: 'from_phase', type: 'varchar', length: 16 }) fromPhase!: string;
  @Column({ name: 'to_phase', type: 'varchar', length: 16, nullable: true }) toPhase!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** The gate evaluation the decision was taken on (criteria, measurement ids, run ids), JSON. */
  @Column({ type: 'text' }) evidence!: string;
  @Column({ name: 'decided_by', type: 'varchar', length: 128 }) decidedBy!: string;
  @Column({ name: 'decided_at', type: 'varchar', length: 32 }) decidedAt!: string;
}

/** A published simulation run: its KPI summaries and the series behind them. */
@Entity('kpi_runs')
export class RunRow {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 128 }) runId!: string;
  @Index() @Column({ name: 'initiative_id', type: 'varchar', length: 36, nullable: true }) initiativeId!: string | null;
  @Column({ type: 'varchar', length: 200 }) scenario!: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) iteration!: string | null;
  @Column({ type: 'text' }) kpis!: string;
  @Column({ type: 'text', nullable: true }) series!: string | null;
  /** replications, seed and free-form metadata, JSON. */
  @Column({ type: 'text', nullable: true }) meta!: string | null;
  /** SHA-256 of the canonical request: a replay of the same run is accepted, a different one is a conflict. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ name: 'published_at', type: 'varchar', length: 32 }) publishedAt!: string;
  @Column({ name: 'published_by', type: 'varchar', length: 128 }) publishedBy!: string;
}

/** Raw Time Release Study events; segments are computed from them when asked, so late events count. */
@Entity('kpi_trs_events')
@Index('ux_kpi_trs_events', ['type', 'subject', 'at'], { unique: true })
export class TrsEventRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 32 }) type!: string;
  /** What the event is about: 'passage:<id>' or 'declaration:<id>'. */
  @Index() @Column({ type: 'varchar', length: 160 }) subject!: string;
  @Index() @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) lane!: string | null;
  @Column({ name: 'received_at', type: 'varchar', length: 32 }) receivedAt!: string;
}

export const KPI_ENTITIES = [InitiativeRow, PhaseSpellRow, KpiDefinitionRow, MeasurementRow, DecisionRow, RunRow, TrsEventRow];
