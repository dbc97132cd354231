import type { EntityManager } from 'typeorm';

// Plain SQL for the hot paths (lodging, reading a declaration, the lanes' look-ups, risk
// histories): building a TypeORM query costs several times what SQLite takes to run it.
// Statements are written with `?` and get `$n` on PostgreSQL; the text stays the same per call,
// so prepared statements are reused.

const numbered = new Map<string, string>();

function dialect(manager: EntityManager, text: string): string {
  if (manager.connection.options.type !== 'postgres') return text;
  let pg = numbered.get(text);
  if (pg === undefined) {
    let n = 0;
    pg = text.replace(/\?/g, () => `$${++n}`);
    numbered.set(text, pg);
  }
  return pg;
}

export function sqlSelect<T>(manager: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  return manager.query(dialect(manager, text), params);
}

/** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
export async function sqlExecute(manager: EntityManager, text: string, params: unknown[]): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return (await runner.query(dialect(manager, text), params, true)).affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

const tuples: string[] = [];

/** `(?, ?, …)` for n values. */
export function sqlMarks(n: number): string {
  return (tuples[n] ??= `(${Array.from({ length: n }, () => '?').join(', ')})`);
}

// SQLite plans `LIMIT ?` (under an ORDER BY) and `LIKE ?` by the bound value, so a statement using
// them is prepared again on every run: 15 µs instead of 1 µs for an indexed look-up. Limits are
// therefore written into the text (a handful of distinct values) and substrings found with
// instr/strpos.

/** ` LIMIT n` (and ` OFFSET m`) for whole numbers, written into the statement. */
export function sqlLimit(limit: number, offset = 0): string {
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad LIMIT ${limit} OFFSET ${offset}`);
  return offset > 0 ? ` LIMIT ${limit} OFFSET ${offset}` : ` LIMIT ${limit}`;
}

/** A condition true when text `column` contains the next parameter (no wildcards). */
export function sqlContains(manager: EntityManager, column: string): string {
  return manager.connection.options.type === 'postgres' ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`;
}

