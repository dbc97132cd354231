import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Timestamps are ISO 8601 strings in varchar(32), as in every context: the same text sorts
// and compares the same way on SQLite and PostgreSQL.

@Entity('lane_ports')
export class PortRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 5 }) locode!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
}

@Entity('lanes')
export class LaneRow {
  @PrimaryColumn({ type: 'varchar', length: 48 }) id!: string;
  @Index() @Column({ name: 'port_id', type: 'varchar', length: 32 }) portId!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) type!: string;
  @Column({ type: 'varchar', length: 32 }) booth!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'integer' }) position!: number;
  /** LaneDevice[], JSON: a handful per lane, always read with the lane. */
  @Column({ type: 'text' }) devices!: string;
  /** LaneSettings, JSON. */
  @Column({ type: 'text' }) settings!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
}

@Entity('lane_trusted_carriers')
export class CarrierRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Index() @Column({ name: 'trader_id', type: 'varchar', length: 17, nullable: true }) traderId!: string | null;
  @Column({ type: 'varchar', length: 8 }) programme!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ name: 'registered_at', type: 'varchar', length: 32 }) registeredAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

/** The primary key is the EPC: a transponder belongs to one carrier, enforced by the database. */
@Entity('lane_trusted_transponders')
export class TransponderRow {
  @PrimaryColumn({ type: 'varchar', length: 24 }) epc!: string;
  @Index() @Column({ name: 'carrier_id', type: 'varchar', length: 36 }) carrierId!: string;
}

/** Keyed by JUR:NUMBER: a plate belongs to one carrier. */
@Entity('lane_trusted_plates')
export class PlateRow {
  @PrimaryColumn({ name: 'plate_key', type: 'varchar', length: 24 }) plateKey!: string;
  @Column({ type: 'varchar', length: 10 }) jurisdiction!: string;
  @Column({ type: 'varchar', length: 10 }) number!: string;
  @Index() @Column({ name: 'carrier_id', type: 'varchar', length: 36 }) carrierId!: string;
}

@Entity('lane_trusted_drivers')
export class DriverRow {
  @PrimaryColumn({ name: 'carrier_id', type: 'varchar', length: 36 }) carrierId!: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'card_number', type: 'varchar', length: 32, nullable: true }) cardNumber!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: string;
}

@Entity('lane_passages')
@Index('ix_lane_passages_lane_decision', ['laneId', 'decisionAt'])
@Index('ix_lane_passages_lane_first_read', ['laneId', 'firstReadAt'])
@Index('ix_lane_passages_decision_opened', ['decision', 'openedAt'])
export class PassageRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'lane_id', type: 'varchar', length: 48 }) laneId!: string;
  @Column({ name: 'port_id', type: 'varchar', length: 32 }) portId!: string;
  @Column({ name: 'opened_at', type: 'varchar', length: 32 }) openedAt!: string;
  @Column({ name: 'first_read_at', type: 'varchar', length: 32 }) firstReadAt!: string;
  @Column({ name: 'last_read_at', type: 'varchar', length: 32 }) lastReadAt!: string;
  @Column({ name: 'last_read_received_at', type: 'varchar', length: 32 }) lastReadReceivedAt!: string;
  @Index() @Column({ type: 'varchar', length: 24, nullable: true }) transponder!: string | null;
  @Index() @Column({ name: 'plate_key', type: 'varchar', length: 24, nullable: true }) plateKey!: string | null;
  @Column({ name: 'carrier_id', type: 'varchar', length: 36, nullable: true }) carrierId!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) recommendation!: string | null;
  /** Reason[], JSON. */
  @Column({ type: 'text' }) reasons!: string;
  /** Flag[], JSON. */
  @Column({ type: 'text' }) flags!: string;
  /** IdentifyingKind[] still missing, JSON. */
  @Column({ type: 'text' }) missing!: string;
  /** Enrichment (carrier, declarations, certificates) as of the last recommendation, JSON. */
  @Column({ type: 'text', nullable: true }) enrichment!: string | null;
  @Column({ name: 'recommendation_at', type: 'varchar', length: 32, nullable: true }) recommendationAt!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) decision!: string | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote!: string | null;
  @Column({ name: 'decided_by', type: 'varchar', length: 128, nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decision_at', type: 'varchar', length: 32, nullable: true }) decisionAt!: string | null;
  @Column({ name: 'exit_at', type: 'varchar', length: 32, nullable: true }) exitAt!: string | null;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
}

@Entity('lane_passage_reads')
export class PassageReadRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'passage_id', type: 'varchar', length: 36 }) passageId!: string;
  @Column({ name: 'lane_id', type: 'varchar', length: 48 }) laneId!: string;
  @Column({ type: 'varchar', length: 8 }) device!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ name: 'received_at', type: 'varchar', length: 32 }) receivedAt!: string;
  @Column({ type: 'varchar', length: 8 }) source!: string;
  /** The validated device fields, JSON. */
  @Column({ type: 'text' }) payload!: string;
}

export const LANES_ENTITIES = [PortRow, LaneRow, CarrierRow, TransponderRow, PlateRow, DriverRow, PassageRow, PassageReadRow];
