import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** PostgreSQL returns bigint as a string; indexes and sizes stay below 2^53, so numbers are safe. */
export const bigintAsNumber = { to: (value: number) => value, from: (value: string | number | null) => (value === null ? value : Number(value)) };

@Entity('ledger_entries')
export class LedgerEntryRow {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber }) idx!: number;
  /** The entry's exact bytes, base64. */
  @Column({ type: 'text' }) entry!: string;
  @Column({ name: 'media_type', type: 'varchar', length: 64 }) mediaType!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
}

/** Complete, aligned subtree hashes (level 0 = leaf hashes): what makes a proof O(log n) reads. */
@Entity('ledger_nodes')
export class LedgerNodeRow {
  @PrimaryColumn({ type: 'integer' }) level!: number;
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber }) idx!: number;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}

@Entity('ledger_tree_heads')
export class LedgerTreeHeadRow {
  @PrimaryColumn({ name: 'tree_size', type: 'bigint', transformer: bigintAsNumber }) treeSize!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) timestamp!: number;
  @Column({ name: 'root_hash', type: 'varchar', length: 64 }) rootHash!: string;
  @Index() @Column({ name: 'key_id', type: 'varchar', length: 64 }) keyId!: string;
  @Column({ type: 'varchar', length: 128 }) signature!: string;
}

@Entity('ledger_keys')
export class LedgerKeyRow {
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 64 }) keyId!: string;
  /** Raw 32-byte Ed25519 public key, hex. */
  @Column({ name: 'public_key', type: 'varchar', length: 64 }) publicKey!: string;
  /** PKCS#8 PEM. In production this belongs in a KMS/HSM; the embedded default keeps it here. */
  @Column({ name: 'private_key', type: 'text' }) privateKey!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 32 }) createdAt!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

/** One row (id = 1): the committed size, locked by every append so indexes never repeat or skip. */
@Entity('ledger_state')
export class LedgerStateRow {
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) size!: number;
}

export const LEDGER_ENTITIES = [LedgerEntryRow, LedgerNodeRow, LedgerTreeHeadRow, LedgerKeyRow, LedgerStateRow];
