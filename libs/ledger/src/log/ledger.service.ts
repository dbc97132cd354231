import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, InvalidValueError, NotFoundError } from '@corridor/domain';
import type { KeyObject } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJsonBytes } from '../canonical-json';
import { bytesToHex } from '../hex';
import { appendLeafHashes, frontierRoot, type Frontier } from '../merkle/appender';
import { hashLeaf } from '../merkle/hashing';
import { consistencyProofFromStore, frontierFromStore, inclusionProofFromStore } from '../merkle/node-store';
import { consistencyProofToJson, inclusionProofToJson, type ConsistencyProofJson, type InclusionProofJson } from '../merkle/proofs';
import { generateSigningKeyPair, parsePrivateKey } from '../sth/keys';
import { signTreeHead, type SignedTreeHead } from '../sth/signed-tree-head';
import { LedgerEntryRow, LedgerKeyRow, LedgerTreeHeadRow } from './ledger.entities';
import { insertRows, isPostgres, nodeRows, SqlNodeReader } from './sql-node-store';

export interface AppendedEntry {
  index: number;
  /** RFC 9162 leaf hash of the entry, lowercase hex. */
  leafHash: string;
  /** The signed tree head of the batch that included the entry (its treeSize > index). */
  treeHead: SignedTreeHead;
}

export interface LedgerKeyView {
  keyId: string;
  algorithm: 'Ed25519';
  /** Raw 32-byte public key, lowercase hex. */
  publicKey: string;
  createdAt: string;
  active: boolean;
}

/**
 * Work another context wants committed atomically with its entry (e.g. the declaration row the
 * entry notarises). It runs inside the batch's transaction, under its own savepoint: if it
 * throws, only its own writes roll back and only its caller sees the error.
 */
export type LedgerSidecar = (manager: EntityManager, entry: AppendedEntry) => Promise<void>;

interface PendingAppend {
  bytes: Uint8Array;
  mediaType: string;
  sidecar?: LedgerSidecar;
  resolve: (entry: AppendedEntry) => void;
  reject: (error: unknown) => void;
}

/** Entries waiting while a batch commits are written together in the next one (group commit). */
const MAX_BATCH = 2000;

/**
 * The transparency log on TypeORM. Appends from concurrent requests are batched in process;
 * across processes the `ledger_state` row is locked per batch, so indexes never repeat or skip.
 * Every batch gets a signed tree head.
 */
@Injectable()
export class LedgerService implements OnModuleInit {
  private readonly logger = new Logger('Ledger');
  private pending: PendingAppend[] = [];
  private draining: Promise<void> | undefined;
  /** Cache of the committed tree's frontier; trusted only while the stored size matches. */
  private frontier: Frontier | undefined;
  private signingKey: KeyObject | undefined;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.ensureSigningKey();
  }

  /** Appends a JSON value, canonicalised per RFC 8785. */
  appendJson(value: unknown, sidecar?: LedgerSidecar): Promise<AppendedEntry> {
    let bytes: Uint8Array;
    try {
      bytes = canonicalJsonBytes(value);
    } catch (error) {
      return Promise.reject(new InvalidValueError('LEDGER.NOT_CANONICALISABLE', 'entry', error instanceof Error ? error.message : 'cannot be canonicalised'));
    }
    return this.appendBytes(bytes, 'application/json', sidecar);
  }

  appendBytes(bytes: Uint8Array, mediaType = 'application/octet-stream', sidecar?: LedgerSidecar): Promise<AppendedEntry> {
    return new Promise((resolve, reject) => {
      this.pending.push({ bytes, mediaType, sidecar, resolve, reject });
      this.draining ??= this.drain().finally(() => { this.draining = undefined; });
    });
  }

  async latestTreeHead(): Promise<SignedTreeHead> {
    const row = await this.db.getRepository(LedgerTreeHeadRow).find({ order: { treeSize: 'DESC' }, take: 1 });
    if (!row[0]) throw new NotFoundError('LEDGER.NO_TREE_HEAD', 'the ledger has no signed tree head yet');
    return toSignedTreeHead(row[0]);
  }

  async treeHeadAt(treeSize: number): Promise<SignedTreeHead | undefined> {
    const row = await this.db.getRepository(LedgerTreeHeadRow).findOneBy({ treeSize });
    return row ? toSignedTreeHead(row) : undefined;
  }

  async size(): Promise<number> {
    return (await this.latestTreeHead()).treeSize;
  }

  async inclusionProof(index: number, treeSize?: number): Promise<InclusionProofJson & { leafHash: string; treeHead?: SignedTreeHead }> {
    const latest = await this.latestTreeHead();
    const size = treeSize ?? latest.treeSize;
    if (size > latest.treeSize) throw new InvalidValueError('LEDGER.SIZE_TOO_LARGE', 'size', `the log has ${latest.treeSize} entries, size ${size} is beyond it`);
    if (index >= size) throw new InvalidValueError('LEDGER.INDEX_OUT_OF_RANGE', 'index', `index ${index} is not below tree size ${size}`);
    const reader = new SqlNodeReader(this.db.manager);
    const proof = inclusionProofToJson(await inclusionProofFromStore(reader, index, size));
    const [leafHash] = await reader.getNodes([{ level: 0, index }]);
    return { ...proof, leafHash: bytesToHex(leafHash), treeHead: size === latest.treeSize ? latest : await this.treeHeadAt(size) };
  }

  async consistencyProof(from: number, to: number): Promise<ConsistencyProofJson & { firstTreeHead?: SignedTreeHead; secondTreeHead?: SignedTreeHead }> {
    const latest = await this.latestTreeHead();
    if (to > latest.treeSize) throw new InvalidValueError('LEDGER.SIZE_TOO_LARGE', 'to', `the log has ${latest.treeSize} entries, size ${to} is beyond it`);
    if (from > to) throw new InvalidValueError('LEDGER.SIZES_REVERSED', 'from', `from (${from}) must not exceed to (${to})`);
    const proof = consistencyProofToJson(await consistencyProofFromStore(new SqlNodeReader(this.db.manager), from, to));
    return { ...proof, firstTreeHead: await this.treeHeadAt(from), secondTreeHead: to === latest.treeSize ? latest : await this.treeHeadAt(to) };
  }

  async entry(index: number): Promise<{ index: number; mediaType: string; entry: string; json?: unknown; createdAt: string }> {
    const row = await this.db.getRepository(LedgerEntryRow).findOneBy({ idx: index });
    if (!row) throw new NotFoundError('LEDGER.ENTRY_NOT_FOUND', `no ledger entry at index ${index}`);
    const bytes = Buffer.from(row.entry, 'base64');
    const json = row.mediaType === 'application/json' ? JSON.parse(bytes.toString('utf8')) : undefined;
    return { index: row.idx, mediaType: row.mediaType, entry: bytes.toString('hex'), json, createdAt: row.createdAt };
  }

  async keys(): Promise<LedgerKeyView[]> {
    const rows = await this.db.getRepository(LedgerKeyRow).find({ order: { createdAt: 'ASC' } });
    return rows.map((row) => ({ keyId: row.keyId, algorithm: 'Ed25519', publicKey: row.publicKey, createdAt: row.createdAt, active: row.active }));
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const written = await this.writeBatch(batch);
        batch.forEach((item, i) => {
          const outcome = written[i];
          if ('error' in outcome) item.reject(outcome.error);
          else item.resolve(outcome);
        });
      } catch (error) {
        this.frontier = undefined;
        batch.forEach((item) => item.reject(error));
      }
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<Array<AppendedEntry | { error: unknown }>> {
    const key = this.signingKey;
    if (!key) throw new ConflictError('LEDGER.NOT_READY', 'the ledger signing key is not loaded yet');
    const { results, frontier } = await this.db.transaction(async (manager) => {
      const start = await this.lockedSize(manager);
      const base = this.frontier?.size === start ? this.frontier : await frontierFromStore(new SqlNodeReader(manager), start);
      const leafHashes = batch.map((item) => hashLeaf(item.bytes));
      const { frontier: next, newNodes } = appendLeafHashes(base, leafHashes);
      const now = new Date();
      await insertRows(manager, 'ledger_entries', ['idx', 'entry', 'media_type', 'created_at'],
        batch.map((item, i) => [start + i, Buffer.from(item.bytes).toString('base64'), item.mediaType, now.toISOString()]));
      await insertRows(manager, 'ledger_nodes', ['level', 'idx', 'hash'], nodeRows(newNodes));
      const treeHead = signTreeHead({ treeSize: next.size, timestamp: now.getTime(), rootHash: frontierRoot(next) }, key);
      await insertRows(manager, 'ledger_tree_heads', ['tree_size', 'timestamp', 'root_hash', 'key_id', 'signature'],
        [[treeHead.treeSize, treeHead.timestamp, treeHead.rootHash, treeHead.keyId, treeHead.signature]]);
      await manager.query(`UPDATE ledger_state SET size = ${isPostgres(manager) ? '$1' : '?'} WHERE id = 1`, [next.size]);
      const results: Array<AppendedEntry | { error: unknown }> = [];
      for (let i = 0; i < batch.length; i++) {
        const entry: AppendedEntry = { index: start + i, leafHash: bytesToHex(leafHashes[i]), treeHead };
        const sidecar = batch[i].sidecar;
        if (!sidecar) {
          results.push(entry);
          continue;
        }
        try {
          await manager.transaction((inner) => sidecar(inner, entry));
          results.push(entry);
        } catch (error) {
          // The entry stays (it only says these bytes were presented); the sidecar's rows do not.
          results.push({ error });
        }
      }
      return { frontier: next, results };
    });
    this.frontier = frontier;
    return results;
  }

  /** Takes the log's write lock for this transaction and returns the committed size. */
  private async lockedSize(manager: EntityManager): Promise<number> {
    if (isPostgres(manager)) {
      const rows: Array<{ size: string }> = await manager.query('SELECT size FROM ledger_state WHERE id = 1 FOR UPDATE');
      return Number(rows[0].size);
    }
    // SQLite: a write first turns the transaction into the single writer before anything is read.
    await manager.query('UPDATE ledger_state SET size = size WHERE id = 1');
    const rows: Array<{ size: number }> = await manager.query('SELECT size FROM ledger_state WHERE id = 1');
    return Number(rows[0].size);
  }

  /** Loads the active signing key, creating one (and the empty tree's head) on first start. */
  private async ensureSigningKey(): Promise<void> {
    const key = await this.db.transaction(async (manager) => {
      await this.lockedSize(manager);
      const keys = manager.getRepository(LedgerKeyRow);
      let active = await keys.findOneBy({ active: true });
      if (!active) {
        const pair = generateSigningKeyPair();
        active = keys.create({ keyId: pair.keyId, publicKey: pair.publicKey, privateKey: pair.privateKeyPem, createdAt: new Date().toISOString(), active: true });
        await keys.insert(active);
        this.logger.log(`created ledger signing key ${pair.keyId.slice(0, 16)}…`);
      }
      const privateKey = parsePrivateKey(active.privateKey);
      const heads = manager.getRepository(LedgerTreeHeadRow);
      if ((await heads.count()) === 0) {
        const empty = signTreeHead({ treeSize: 0, timestamp: Date.now(), rootHash: frontierRoot({ size: 0, hashes: [] }) }, privateKey);
        await heads.insert({ treeSize: 0, timestamp: empty.timestamp, rootHash: empty.rootHash, keyId: empty.keyId, signature: empty.signature });
      }
      return privateKey;
    });
    this.signingKey = key;
  }
}

export function toSignedTreeHead(row: LedgerTreeHeadRow): SignedTreeHead {
  return { treeSize: row.treeSize, timestamp: row.timestamp, rootHash: row.rootHash, keyId: row.keyId, signature: row.signature };
}
