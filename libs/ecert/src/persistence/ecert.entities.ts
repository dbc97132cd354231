import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** PostgreSQL returns bigint as a string; ledger indexes stay below 2^53. */
const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** An issuing agency (customs, plant protection, chamber of commerce...). */
@Entity('ecert_agencies')
export class AgencyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 2 }) country!: string;
  /** Principal ids (JWT subjects) that act for the agency, JSON array; empty: any principal with the agency role. */
  @Column({ type: 'text' }) principals!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
}

/** Every key an agency ever had: rotation closes a key (valid_to), revocation marks it compromised. */
@Entity('ecert_agency_keys')
export class AgencyKeyRow {
  @PrimaryColumn({ name: 'agency_id', type: 'varchar', length: 64 }) agencyId!: string;
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 16 }) keyId!: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  @Column({ name: 'public_key', type: 'varchar', length: 64 }) publicKey!: string;
  /** PKCS#8 PEM when the server keeps the key for the agency (embedded demo); null when the agency signs itself. */
  @Column({ name: 'private_key', type: 'text', nullable: true }) privateKey!: string | null;
  @Column({ name: 'valid_from', type: 'varchar', length: 32 }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'varchar', length: 32, nullable: true }) validTo!: string | null;
  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true }) revokedAt!: string | null;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
}

/** A registered certificate: the exact canonical document (with its ledger proof) and its current status. */
@Entity('ecert_certificates')
export class CertificateRow {
  @PrimaryColumn({ type: 'varchar', length: 128 }) id!: string;
  @Column({ type: 'varchar', length: 8 }) type!: string;
  @Index() @Column({ name: 'agency_id', type: 'varchar', length: 64 }) agencyId!: string;
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId!: string;
  @Column({ name: 'issued_at', type: 'varchar', length: 32 }) issuedAt!: string;
  @Column({ type: 'varchar', length: 64 }) digest!: string;
  /**
   * RFC 8785 canonical JSON of the signed document as registered (without `ledger`): the ledger
   * proof is derived from ledger_index and ledger_tree_size, which never change (LedgerProofs).
   */
  @Column({ type: 'text' }) document!: string;
  /** 'server' (signed with a key the server keeps) or 'client' (signed by the agency, submitted). */
  @Column({ type: 'varchar', length: 8 }) custody!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true }) revokedAt!: string | null;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason!: string | null;
  @Column({ name: 'ledger_index', type: 'bigint', transformer: bigintAsNumber }) ledgerIndex!: number;
  @Column({ name: 'ledger_tree_size', type: 'bigint', transformer: bigintAsNumber }) ledgerTreeSize!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
}

/** Status history: issued, revoked; never updated. */
@Entity('ecert_certificate_history')
export class CertificateHistoryRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'certificate_id', type: 'varchar', length: 128 }) certificateId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ type: 'varchar', length: 128 }) by!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'ledger_index', type: 'bigint', nullable: true, transformer: bigintAsNumber }) ledgerIndex!: number | null;
}

/** A quantity drawn against one goods line of a certificate by one declaration goods item. */
@Entity('ecert_draws')
export class DrawRow {
  @PrimaryColumn({ name: 'certificate_id', type: 'varchar', length: 128 }) certificateId!: string;
  @PrimaryColumn({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @PrimaryColumn({ name: 'item_index', type: 'integer' }) itemIndex!: number;
  @Column({ name: 'goods_index', type: 'integer' }) goodsIndex!: number;
  @Column({ name: 'declaration_version', type: 'integer' }) declarationVersion!: number;
  /** In the certificate line's unit. */
  @Column({ type: 'double precision' }) quantity!: number;
  @Column({ type: 'varchar', length: 3 }) unit!: string;
  /** The declaration's lodgement time: who drew first is served first. */
  @Column({ name: 'lodged_at', type: 'varchar', length: 32 }) lodgedAt!: string;
  @Column({ name: 'recorded_at', type: 'varchar', length: 32 }) recordedAt!: string;
}

/** Which declaration version the draws were recorded for, and the latest check result (JSON). */
@Entity('ecert_declaration_checks')
export class DeclarationCheckRow {
  @PrimaryColumn({ name: 'declaration_id', type: 'varchar', length: 36 }) declarationId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'recorded_at', type: 'varchar', length: 32 }) recordedAt!: string;
  @Column({ type: 'text', nullable: true }) checks!: string | null;
}

/** A trusted-trader authorisation (AEO, FAST, PIP) granted by one administration. */
@Entity('ecert_aeo_operators')
export class AeoOperatorRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 2 }) administration!: string;
  @Index() @Column({ name: 'operator_id', type: 'varchar', length: 17 }) operatorId!: string;
  @Column({ type: 'varchar', length: 8 }) programme!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'varchar', length: 32 }) since!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
}

/** Every status an authorisation ever had, in order (seq is the feed's event id). */
@Entity('ecert_aeo_status_history')
export class AeoStatusRow {
  @PrimaryGeneratedColumn({ type: 'integer' }) seq!: number;
  @Index() @Column({ name: 'record_id', type: 'varchar', length: 36 }) recordId!: string;
  @Column({ type: 'varchar', length: 2 }) administration!: string;
  @Index() @Column({ name: 'operator_id', type: 'varchar', length: 17 }) operatorId!: string;
  @Column({ type: 'varchar', length: 8 }) programme!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'previous_status', type: 'varchar', length: 16, nullable: true }) previousStatus!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'varchar', length: 32 }) at!: string;
  @Column({ type: 'varchar', length: 128 }) by!: string;
}

/** A mutual-recognition arrangement between two administrations (stored with a < b). */
@Entity('ecert_aeo_arrangements')
export class AeoArrangementRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'administration_a', type: 'varchar', length: 2 }) administrationA!: string;
  @Column({ name: 'administration_b', type: 'varchar', length: 2 }) administrationB!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 128 }) createdBy!: string;
}

export const ECERT_ENTITIES = [AgencyRow, AgencyKeyRow, CertificateRow, CertificateHistoryRow, DrawRow, DeclarationCheckRow, AeoOperatorRow, AeoStatusRow, AeoArrangementRow];
