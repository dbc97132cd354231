import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './persistence.module';

describe("DATA_DIR=':memory:'", () => {
  const open: DataSource[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy()));
  });

  async function memory(): Promise<DataSource> {
    const db = new DataSource(dataSourceOptions(loadConfig({ DATA_DIR: ':memory:' }), []));
    open.push(db);
    await db.initialize();
    return db;
  }

  it('gives each data source its own database, which keeps its rows, grows and rolls back', async () => {
    const [a, b] = [await memory(), await memory()];
    for (const db of [a, b]) await db.query('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    // Enough rows past one page each (overflow pages) to make the image grow well beyond its start.
    await a.transaction(async (m) => {
      for (let i = 0; i < 500; i++) await m.query('INSERT INTO t (body) VALUES (?)', ['x'.repeat(5000 + i)]);
    });
    await expect(a.transaction(async (m) => {
      await m.query("INSERT INTO t (body) VALUES ('undone')");
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await a.query('SELECT count(*) AS n, max(length(body)) AS longest FROM t')).toEqual([{ n: 500, longest: 5499 }]);
    expect(await b.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });
});
