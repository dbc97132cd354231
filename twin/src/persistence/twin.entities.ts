import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Times are ISO 8601 UTC strings in varchar(32), as in every context: they sort as text and read the
// same on SQLite and PostgreSQL (the twin normalises every `at` to `Date#toISOString()` before
// storing, so text order is time order). JSON columns are text for the same reason.

/**
 * One passage event of the live crossing (arrival, PIL start/end, secondary, exit), from the lanes
 * context or an imported JSON-lines file. (type, truck_id, at, lane_id) is unique: an event seen
 * twice (a re-import, a redelivered domain event) is stored once. An unknown lane is '' rather than
 * NULL so the unique index holds on both databases (NULLs never collide in a unique index).
 */
@Entity('twin_telemetry')
@Index('ux_twin_telemetry_event', ['type', 'truckId', 'at', 'laneId'], { unique: true })
@Index('ix_twin_telemetry_at', ['at'])
export class TelemetryRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) type!: string;
  @Column({ name: 'truck_id', type: 'varchar', length: 128 }) truckId!: string;
  @Column({ name: 'lane_id', type: 'varchar', length: 64 }) laneId!: string;
  @Column({ name: 'lane_type', type: 'varchar', length: 16, nullable: true }) laneType!: string | null;
  @Column({ type: 'boolean', nullable: true }) trusted!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) referred!: boolean | null;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  /** 'lanes' (recorded from the lanes context's events) or 'import'. */
  @Column({ type: 'varchar', length: 8 }) source!: string;
  @Column({ name: 'received_at', type: 'varchar', length: 32 }) receivedAt!: string;
}

/**
 * One refresh of the twin: the scenario calibrated on recent telemetry, the forecast made from the
 * live state, and the accuracy of earlier forecasts scored at that moment. Append-only.
 */
@Entity('twin_forecasts')
@Index('ix_twin_forecasts_made_at', ['madeAt'])
export class ForecastRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'made_at', type: 'varchar', length: 32 }) madeAt!: string;
  @Column({ name: 'state_at', type: 'varchar', length: 32 }) stateAt!: string;
  @Column({ type: 'double precision' }) hours!: number;
  /** The calibrated scenario as YAML (what GET /api/twin/scenario serves). */
  @Column({ name: 'scenario_yaml', type: 'text' }) scenarioYaml!: string;
  /** The same scenario as JSON, so a what-if needs no re-parse. */
  @Column({ name: 'scenario_json', type: 'text' }) scenarioJson!: string;
  /** The calibration report, JSON. */
  @Column({ type: 'text' }) calibration!: string;
  /** The Forecast, JSON. */
  @Column({ type: 'text' }) forecast!: string;
  /** The AccuracyReport of earlier forecasts scored at this refresh, JSON; null when none had elapsed. */
  @Column({ type: 'text', nullable: true }) accuracy!: string | null;
}

export const TWIN_ENTITIES = [TelemetryRow, ForecastRow];
