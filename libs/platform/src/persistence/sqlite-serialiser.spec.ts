import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialisedSqlite, tick } from './sqlite-test-db';

const open = () => openSerialisedSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)');

describe('SQLite transactions on one connection', () => {
  let db: DataSource | undefined;
  afterEach(async () => db?.destroy());

  it('lets overlapping transactions take turns instead of nesting', async () => {
    db = await open();
    const source = db;
    const work = (who: string) => source.transaction(async (m) => {
      for (let i = 0; i < 5; i++) {
        await m.query('INSERT INTO t (who) VALUES (?)', [who]);
        await tick();
      }
    });
    await Promise.all(['a', 'b', 'c', 'd'].map(work));
    const rows: Array<{ who: string }> = await db.query('SELECT who FROM t ORDER BY id');
    // Each transaction's rows are contiguous: none ran inside another.
    expect(rows.map((r) => r.who).join('')).toMatch(/^(aaaaa|bbbbb|ccccc|ddddd){4}$/);
  });

  it('keeps a plain write out of a transaction that rolls back', async () => {
    db = await open();
    const failing = db.transaction(async (m) => {
      await m.query("INSERT INTO t (who) VALUES ('doomed')");
      await tick();
      await tick();
      throw new Error('rollback');
    });
    await tick();
    await db.query("INSERT INTO t (who) VALUES ('bystander')");
    await expect(failing).rejects.toThrow('rollback');
    const rows: Array<{ who: string }> = await db.query('SELECT who FROM t');
    expect(rows.map((r) => r.who)).toEqual(['bystander']);
  });

  it('serialises implicit transactions (Repository.save style) with explicit ones', async () => {
    db = await open();
    const runner = db.createQueryRunner();
    const implicit = (async () => {
      await runner.startTransaction();
      await runner.query("INSERT INTO t (who) VALUES ('implicit')");
      await tick();
      await runner.commitTransaction();
    })();
    const explicit = db.transaction(async (m) => m.query("INSERT INTO t (who) VALUES ('explicit')"));
    await Promise.all([implicit, explicit]);
    expect(await db.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
  });

  it('keeps work started in a transaction through another manager out of it (it waits for the commit or rollback)', async () => {
    db = await open();
    const source = db;
    let sneaky: Promise<unknown> | undefined;
    const failing = db.transaction(async (m) => {
      await m.query("INSERT INTO t (who) VALUES ('doomed')");
      // Not the transaction's manager, and not awaited: it must not join the transaction.
      sneaky = source.query("INSERT INTO t (who) VALUES ('started inside')");
      await tick();
      throw new Error('rollback');
    });
    await expect(failing).rejects.toThrow('rollback');
    await sneaky;
    const rows: Array<{ who: string }> = await db.query('SELECT who FROM t');
    expect(rows.map((r) => r.who)).toEqual(['started inside']);
  });

  it('runs a nested transaction of the same manager as a savepoint, without waiting for itself', async () => {
    db = await open();
    await db.transaction(async (m) => {
      await m.query("INSERT INTO t (who) VALUES ('outer')");
      await m.transaction(async (inner) => inner.query("INSERT INTO t (who) VALUES ('inner')"));
      await expect(m.transaction(async (inner) => {
        await inner.query("INSERT INTO t (who) VALUES ('undone')");
        throw new Error('inner rollback');
      })).rejects.toThrow('inner rollback');
    });
    const rows: Array<{ who: string }> = await db.query('SELECT who FROM t ORDER BY id');
    expect(rows.map((r) => r.who)).toEqual(['outer', 'inner']);
  });
});
