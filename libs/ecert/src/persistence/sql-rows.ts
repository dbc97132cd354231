import type { EntityManager } from 'typeorm';

const ROWS_PER_INSERT = 400;

/** Multi-row INSERT in chunks that stay under both drivers' parameter limits (`?` on SQLite, `$n` on PostgreSQL). */
export async function insertRows(manager: EntityManager, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + ROWS_PER_INSERT).map((row) => `(${row.map((value) => {
      params.push(value);
      return postgres ? `$${params.length}` : '?';
    }).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
