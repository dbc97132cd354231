import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { serialiseSqliteTransactions } from './sqlite-serialiser';

/** For the persistence specs: a serialised SQLite file in a fresh folder, with table `t` made by `createTable`. */
export async function openSerialisedSqlite(createTable: string): Promise<DataSource> {
  const db = new DataSource({ type: 'better-sqlite3', database: join(mkdtempSync(join(tmpdir(), 'corridor-sqlite-')), 'x.sqlite') });
  serialiseSqliteTransactions(db);
  await db.initialize();
  await db.query(createTable);
  return db;
}

/** A short wait that lets other work interleave. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
