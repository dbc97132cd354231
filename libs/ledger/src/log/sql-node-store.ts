import type { EntityManager } from 'typeorm';
import { bytesToHex, hexToBytes } from '../hex';
import type { StoredNode } from '../merkle/appender';
import type { NodeReader } from '../merkle/node-store';
import type { NodeCoordinate } from '../merkle/subtrees';

export function isPostgres(manager: EntityManager): boolean {
  return manager.connection.options.type === 'postgres';
}

/** `?` on SQLite, `$n` on PostgreSQL. */
export function placeholder(manager: EntityManager, position: number): string {
  return isPostgres(manager) ? `$${position}` : '?';
}

/** Reads the nodes a proof needs in one query; the rows are immutable once written. */
export class SqlNodeReader implements NodeReader {
  constructor(private readonly manager: EntityManager) {}

  async getNodes(nodes: readonly NodeCoordinate[]): Promise<Uint8Array[]> {
    if (nodes.length === 0) return [];
    const params: number[] = [];
    const terms = nodes.map((node) => {
      params.push(node.level, node.index);
      return `(level = ${placeholder(this.manager, params.length - 1)} AND idx = ${placeholder(this.manager, params.length)})`;
    });
    const rows: Array<{ level: number | string; idx: number | string; hash: string }> = await this.manager.query(
      `SELECT level, idx, hash FROM ledger_nodes WHERE ${terms.join(' OR ')}`,
      params,
    );
    const byKey = new Map(rows.map((row) => [`${Number(row.level)}:${Number(row.idx)}`, row.hash]));
    return nodes.map((node) => {
      const hash = byKey.get(`${node.level}:${node.index}`);
      if (!hash) throw new Error(`ledger node level ${node.level} index ${node.index} is missing from the store`);
      return hexToBytes(hash);
    });
  }
}

const ROWS_PER_INSERT = 400;

/** Multi-row inserts in chunks that stay under both drivers' parameter limits. */
export async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => { params.push(value); return placeholder(manager, params.length); }).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export function nodeRows(nodes: readonly StoredNode[]): unknown[][] {
  return nodes.map((node) => [node.level, node.index, bytesToHex(node.hash)]);
}
