import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/** A FIFO async lock: the next waiter runs when the holder releases. */
class FifoLock {
  private tail: Promise<void> = Promise.resolve();
  private waiting: Array<() => void> = [];
  private held = false;

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => { release = resolve; });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    this.held = true;
    return () => {
      this.held = false;
      const waiters = this.waiting.splice(0);
      for (const wake of waiters) wake();
      release();
    };
  }

  get isHeld(): boolean {
    return this.held;
  }

  whenFree(): Promise<void> {
    return this.held ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }
}

/** Whether a statement may run now: not while someone else's explicit transaction is open. */
export interface SqliteGate {
  mayRun(): boolean;
  whenFree(): Promise<void>;
}

const gates = new WeakMap<DataSource, SqliteGate>();

/** The gate of a serialised SQLite data source, for SQL that does not go through TypeORM's runner. */
export function sqliteGate(dataSource: DataSource): SqliteGate | undefined {
  return gates.get(dataSource);
}

/**
 * TypeORM drives better-sqlite3 through ONE connection, so two overlapping transactions from
 * different requests would nest (SAVEPOINTs inside someone else's BEGIN) and a plain statement
 * sent meanwhile would commit or roll back with a transaction it does not belong to.
 * This makes transactions take turns (FIFO) and holds plain statements back while an explicit
 * transaction (DataSource/EntityManager.transaction) is open. Code inside a transaction is
 * recognised through AsyncLocalStorage, so it is never blocked by its own lock.
 */
export function serialiseSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const lock = new FifoLock();
  const inside = new AsyncLocalStorage<true>();
  let holder: 'explicit' | 'implicit' | undefined;
  gates.set(dataSource, { mayRun: () => holder !== 'explicit' || inside.getStore() === true, whenFree: () => lock.whenFree() });

  const manager = dataSource.manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = manager.transaction.bind(manager);
  manager.transaction = async (...args: unknown[]) => {
    if (inside.getStore()) return transaction(...args);
    const release = await lock.acquire();
    holder = 'explicit';
    try {
      return await inside.run(true, () => transaction(...args));
    } finally {
      holder = undefined;
      release();
    }
  };

  const driver = dataSource.driver as unknown as { createQueryRunner: (mode?: unknown) => QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode?: unknown) => {
    const runner = createQueryRunner(mode);
    if (!patched.has(runner)) {
      patched.add(runner);
      guardRunner(runner);
    }
    return runner;
  };

  function guardRunner(runner: QueryRunner): void {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
      while (!inside.getStore() && holder === 'explicit') await lock.whenFree();
      return query(...args);
    };
    // Implicit transactions (Repository.save) start on the runner directly: give them the lock too.
    const start = runner.startTransaction.bind(runner);
    const commit = runner.commitTransaction.bind(runner);
    const rollback = runner.rollbackTransaction.bind(runner);
    let releaseImplicit: (() => void) | undefined;
    runner.startTransaction = async (isolationLevel) => {
      if (inside.getStore()) return start(isolationLevel);
      const release = await lock.acquire();
      holder = 'implicit';
      releaseImplicit = release;
      try {
        await inside.run(true, () => start(isolationLevel));
      } catch (error) {
        finishImplicit();
        throw error;
      }
    };
    const finishImplicit = () => {
      holder = undefined;
      const release = releaseImplicit;
      releaseImplicit = undefined;
      release?.();
    };
    runner.commitTransaction = async () => {
      if (inside.getStore() || holder !== 'implicit') return commit();
      try {
        await inside.run(true, () => commit());
      } finally {
        if (!runner.isTransactionActive) finishImplicit();
      }
    };
    runner.rollbackTransaction = async () => {
      if (inside.getStore() || holder !== 'implicit') return rollback();
      try {
        await inside.run(true, () => rollback());
      } finally {
        if (!runner.isTransactionActive) finishImplicit();
      }
    };
  }
}
