import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { sqliteGate, type SqliteGate } from './sqlite-serialiser';

// Plain SQL for the hot paths (lodging, reading a declaration, the lanes' look-ups, risk
// histories): building a TypeORM query costs several times what SQLite takes to run it.
// Statements are written with `?` and get `$n` on PostgreSQL; the text stays the same per call,
// so prepared statements are reused. On SQLite they go straight to better-sqlite3: TypeORM's
// runner adds a dozen promises and its query events to each statement, more than SQLite takes
// for a look-up by key. The transaction serialiser still decides when they may run.

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

interface Statement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

interface DirectSqlite {
  connection: { prepare(text: string): Statement };
  statements: Map<string, Statement>;
  gate: SqliteGate | undefined;
}

/** Prepared statements kept per connection (first in, first out, as TypeORM's cache). */
const STATEMENTS_KEPT = 1000;
const direct = new WeakMap<DataSource, DirectSqlite>();

function directSqlite(manager: EntityManager): DirectSqlite | undefined {
  const source = manager.connection;
  let found = direct.get(source);
  if (found === undefined && source.options.type === 'better-sqlite3') {
    const connection = (source.driver as unknown as { databaseConnection?: DirectSqlite['connection'] }).databaseConnection;
    if (!connection) return undefined; // not connected yet: TypeORM's path
    found = { connection, statements: new Map(), gate: sqliteGate(source) };
    direct.set(source, found);
  }
  return found;
}

async function runSqlite(sqlite: DirectSqlite, manager: EntityManager, text: string, params: unknown[]): Promise<unknown[] | number> {
  // As TypeORM's runner under the serialiser: only a transaction's own manager runs while it is open.
  if (sqlite.gate) while (!sqlite.gate.mayRun(manager.queryRunner)) await sqlite.gate.whenFree();
  // better-sqlite3 cannot bind booleans (TypeORM's runner turns them into 0/1 too).
  const values = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  try {
    let statement = sqlite.statements.get(text);
    if (!statement) {
      statement = sqlite.connection.prepare(text);
      sqlite.statements.set(text, statement);
      if (sqlite.statements.size > STATEMENTS_KEPT) sqlite.statements.delete(sqlite.statements.keys().next().value as string);
    }
    return statement.reader ? statement.all(...values) : statement.run(...values).changes;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

export async function sqlSelect<T>(manager: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  const sqlite = directSqlite(manager);
  if (sqlite) return (await runSqlite(sqlite, manager, text, params)) as T[];
  return manager.query(dialect(manager, text), params);
}

/** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
export async function sqlExecute(manager: EntityManager, text: string, params: unknown[]): Promise<number> {
  const sqlite = directSqlite(manager);
  if (sqlite) return (await runSqlite(sqlite, manager, text, params)) as number;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return (await runner.query(dialect(manager, text), params, true)).affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/**
 * A table's columns as (entity property, column) pairs, in one place for its plain-SQL reads and
 * writes: the column list for SELECT, the INSERT statement, a row's values in that order, and a
 * read row as the entity (`numbers`: columns that come back as strings on PostgreSQL, bigint).
 */
export function sqlTable<Row>(table: string, columns: ReadonlyArray<readonly [keyof Row & string, string]>, numbers: ReadonlyArray<keyof Row & string> = []) {
  const names = columns.map(([, column]) => column).join(', ');
  const keys = columns.map(([property, column]) => [property, column.replace(/"/g, '')] as const);
  return {
    select: `SELECT ${names} FROM ${table}`,
    insert: `INSERT INTO ${table} (${names}) VALUES ${sqlMarks(columns.length)}`,
    values: (row: Row): unknown[] => columns.map(([property]) => row[property]),
    row: (read: Record<string, unknown>): Row => {
      const row = {} as Record<string, unknown>;
      for (const [property, column] of keys) row[property] = read[column];
      for (const property of numbers) row[property] = Number(row[property]);
      return row as Row;
    },
  };
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

