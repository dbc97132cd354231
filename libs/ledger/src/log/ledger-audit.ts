import { DataSource } from 'typeorm';
import { bytesToHex } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot, type Frontier } from '../merkle/appender';
import { hashLeaf } from '../merkle/hashing';
import { verifySignedTreeHead } from '../sth/signed-tree-head';
import { LedgerKeyRow, LedgerTreeHeadRow } from './ledger.entities';
import { isPostgres } from './sql-node-store';
import { toSignedTreeHead } from './ledger.service';

export interface AuditReport {
  ok: boolean;
  entries: number;
  treeHeads: number;
  /** First index whose stored data no longer matches what was signed. */
  firstBadIndex?: number;
  reason?: string;
}

const PAGE = 5000;

/**
 * Recomputes the log from the stored entries and checks it against every signed tree head:
 * each leaf against its stored hash, each signed root against the recomputed one, each
 * signature against the published key. Reads in pages, so a million entries fit in memory.
 */
export async function auditLedger(db: DataSource, onProgress?: (done: number, total: number) => void): Promise<AuditReport> {
  const keys = new Map((await db.getRepository(LedgerKeyRow).find()).map((key) => [key.keyId, key.publicKey]));
  const heads = (await db.getRepository(LedgerTreeHeadRow).find({ order: { treeSize: 'ASC' } })).map(toSignedTreeHead);
  const [{ size }] = await db.query('SELECT size FROM ledger_state WHERE id = 1');
  const total = Number(size);
  const report = (entries: number, firstBadIndex: number | undefined, reason?: string): AuditReport =>
    ({ ok: reason === undefined, entries, treeHeads: heads.length, ...(firstBadIndex !== undefined ? { firstBadIndex } : {}), ...(reason ? { reason } : {}) });

  for (const head of heads) {
    const key = keys.get(head.keyId);
    if (!key) return report(0, undefined, `tree head of size ${head.treeSize} is signed by unknown key ${head.keyId}`);
    const verdict = verifySignedTreeHead(head, key);
    if (!verdict.ok) return report(0, undefined, `tree head of size ${head.treeSize}: ${verdict.reason}`);
  }

  const param = isPostgres(db.manager) ? ['$1', '$2'] : ['?', '?'];
  let frontier: Frontier = EMPTY_FRONTIER;
  let headAt = heads.findIndex((head) => head.treeSize > 0);
  let previousSigned = 0;
  for (let from = 0; from < total; from += PAGE) {
    const to = Math.min(total, from + PAGE);
    const entries: Array<{ idx: string | number; entry: string }> = await db.query(
      `SELECT idx, entry FROM ledger_entries WHERE idx >= ${param[0]} AND idx < ${param[1]} ORDER BY idx`, [from, to]);
    const leaves: Array<{ idx: string | number; hash: string }> = await db.query(
      `SELECT idx, hash FROM ledger_nodes WHERE level = 0 AND idx >= ${param[0]} AND idx < ${param[1]} ORDER BY idx`, [from, to]);
    for (let i = 0; i < to - from; i++) {
      const index = from + i;
      const row = entries[i];
      if (!row || Number(row.idx) !== index) return report(index, index, `entry ${index} is missing from ledger_entries`);
      const leafHash = hashLeaf(Buffer.from(row.entry, 'base64'));
      const stored = leaves[i];
      if (!stored || Number(stored.idx) !== index) return report(index, index, `leaf hash ${index} is missing from ledger_nodes`);
      if (stored.hash !== bytesToHex(leafHash)) return report(index, index, `entry ${index} no longer hashes to its stored leaf hash: the entry or its hash was changed`);
      frontier = appendLeafHashes(frontier, [leafHash]).frontier;
      while (headAt >= 0 && headAt < heads.length && heads[headAt].treeSize === frontier.size) {
        if (bytesToHex(frontierRoot(frontier)) !== heads[headAt].rootHash) {
          return report(index + 1, previousSigned, `the root of the first ${frontier.size} entries differs from the signed tree head: an entry from ${previousSigned} to ${frontier.size - 1} and its stored hash were changed together`);
        }
        previousSigned = frontier.size;
        headAt++;
      }
    }
    onProgress?.(to, total);
  }
  if (heads.length > 0 && heads[heads.length - 1].treeSize !== total) {
    return report(total, Math.min(total, heads[heads.length - 1].treeSize), `the latest signed tree head covers ${heads[heads.length - 1].treeSize} entries but ${total} are stored`);
  }
  return report(total, undefined);
}
