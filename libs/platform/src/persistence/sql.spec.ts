import { QueryFailedError, type DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialisedSqlite, tick } from './sqlite-test-db';
import { sqlContains, sqlExecute, sqlLimit, sqlSelect } from './sql';

const open = () => openSerialisedSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT UNIQUE, flag INTEGER)');

describe('plain SQL on SQLite (straight to better-sqlite3)', () => {
  let db: DataSource | undefined;
  afterEach(async () => db?.destroy());

  it('reads, writes, binds booleans and counts changed rows', async () => {
    db = await open();
    expect(await sqlExecute(db.manager, 'INSERT INTO t (who, flag) VALUES (?, ?), (?, ?)', ['a', true, 'b', false])).toBe(2);
    expect(await sqlSelect(db.manager, `SELECT who, flag FROM t WHERE ${sqlContains(db.manager, 'who')} ORDER BY who${sqlLimit(5)}`, ['a'])).toEqual([{ who: 'a', flag: 1 }]);
    expect(await sqlExecute(db.manager, 'UPDATE t SET flag = ? WHERE who = ?', [true, 'nobody'])).toBe(0);
  });

  it('waits while another transaction is open, so a plain write is not rolled back with it', async () => {
    db = await open();
    const failing = db.transaction(async (m) => {
      await sqlExecute(m, 'INSERT INTO t (who) VALUES (?)', ['doomed']);
      await tick();
      await tick();
      throw new Error('rollback');
    });
    await tick();
    const seen = sqlSelect<{ who: string }>(db.manager, 'SELECT who FROM t', []);
    await sqlExecute(db.manager, 'INSERT INTO t (who) VALUES (?)', ['bystander']);
    await expect(failing).rejects.toThrow('rollback');
    // The read waited for the rollback too: it never saw the doomed row.
    expect((await seen).map((r) => r.who)).toEqual([]);
    expect((await sqlSelect<{ who: string }>(db.manager, 'SELECT who FROM t', [])).map((r) => r.who)).toEqual(['bystander']);
  });

  it('reports a constraint failure as TypeORM does (QueryFailedError), and a bad limit before any SQL', async () => {
    db = await open();
    await sqlExecute(db.manager, 'INSERT INTO t (who) VALUES (?)', ['a']);
    const clash = sqlExecute(db.manager, 'INSERT INTO t (who) VALUES (?)', ['a']);
    await expect(clash).rejects.toBeInstanceOf(QueryFailedError);
    await expect(clash).rejects.toThrow(/UNIQUE constraint failed/);
    expect(() => sqlLimit(2.5)).toThrow(RangeError);
    expect(() => sqlLimit(10, -1)).toThrow(RangeError);
    expect(sqlLimit(20, 40)).toBe(' LIMIT 20 OFFSET 40');
  });
});
