import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** The latest state of a declaration plus the columns the lane and officers search by. */
@Entity('declarations')
export class DeclarationRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 2 }) type!: string;
  @Index() @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'current_version', type: 'integer' }) currentVersion!: number;
  @Column({ name: 'declarant_id', type: 'varchar', length: 17 }) declarantId!: string;
  @Column({ name: 'importer_id', type: 'varchar', length: 17, nullable: true }) importerId!: string | null;
  @Index() @Column({ name: 'carrier_id', type: 'varchar', length: 17, nullable: true }) carrierId!: string | null;
  @Index() @Column({ name: 'plate_key', type: 'varchar', length: 24, nullable: true }) plateKey!: string | null;
  @Index() @Column({ type: 'varchar', length: 24, nullable: true }) transponder!: string | null;
  @Column({ name: 'office_of_entry', type: 'varchar', length: 5 }) officeOfEntry!: string;
  @Index() @Column({ name: 'expected_arrival', type: 'varchar', length: 32 }) expectedArrival!: string;
  @Column({ name: 'lodged_at', type: 'varchar', length: 32 }) lodgedAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 32 }) updatedAt!: string;
  @Column({ name: 'lodged_by', type: 'varchar', length: 128 }) lodgedBy!: string;
  @Column({ name: 'item_count', type: 'integer' }) itemCount!: number;
  /** The latest risk assessment, JSON. */
  @Column({ type: 'text', nullable: true }) risk!: string | null;
}

/** Every version ever lodged, immutable: amendments add rows, none is changed. */
@Entity('declaration_versions')
export class DeclarationVersionRow {
  @PrimaryColumn({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  /** RFC 8785 canonical JSON of the declaration data: the exact bytes whose hash is notarised. */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ name: 'ledger_index', type: 'bigint', transformer: bigintAsNumber }) ledgerIndex!: number;
  @Column({ name: 'ledger_tree_size', type: 'bigint', transformer: bigintAsNumber }) ledgerTreeSize!: number;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text' }) discrepancies!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
}

@Entity('declaration_status_history')
export class DeclarationStatusRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ type: 'varchar', length: 128 }) by!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** Inspection findings or risk summary, JSON. */
  @Column({ type: 'text', nullable: true }) details!: string | null;
}

/** Idempotency-Key replays: the first response, keyed by caller and key. */
@Entity('declaration_idempotency')
export class IdempotencyRow {
  @PrimaryColumn({ type: 'varchar', length: 320 }) key!: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'text' }) response!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
}

export const DECLARATION_ENTITIES = [DeclarationRow, DeclarationVersionRow, DeclarationStatusRow, IdempotencyRow];
