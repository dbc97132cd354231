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

/** Whether a statement may run now: not while another runner's transaction is open. */
export interface SqliteGate {
  /** `runner`: the query runner of the caller's manager (a transaction's own), if any. */
  mayRun(runner: QueryRunner | undefined): boolean;
  whenFree(): Promise<void>;
}

const gates = new WeakMap<DataSource, SqliteGate>();

/** The gate of a serialised SQLite data source, for SQL that does not go through TypeORM's runner. */
export function sqliteGate(dataSource: DataSource): SqliteGate | undefined {
  return gates.get(dataSource);
}

/**
 * TypeORM drives better-sqlite3 through ONE connection and ONE query runner, so two overlapping
 * transactions from different requests would nest (SAVEPOINTs inside someone else's BEGIN) and a
 * statement sent meanwhile would commit or roll back with a transaction it does not belong to.
 *
 * Here every createQueryRunner() call gets its own handle on that runner (its own transaction
 * state and manager; the shared connection and statement cache). A handle starting a transaction
 * takes a FIFO lock until it commits or rolls back; any other handle's statements wait for the
 * lock. A transaction's own statements come through its handle (its manager), so they are never
 * blocked by it. (This replaced an AsyncLocalStorage, whose promise hooks cost every promise in
 * the process about 5% of the CPU, and which let work started but not awaited inside a
 * transaction slip past the lock.)
 */
export function serialiseSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const lock = new FifoLock();
  let owner: QueryRunner | undefined;
  let releaseLock: (() => void) | undefined;
  gates.set(dataSource, { mayRun: (runner) => owner === undefined || runner === owner, whenFree: () => lock.whenFree() });

  const driver = dataSource.driver as unknown as { createQueryRunner: (mode?: unknown) => QueryRunner };
  const createShared = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode?: unknown) => handleOn(createShared(mode));

  const finish = () => {
    owner = undefined;
    const release = releaseLock;
    releaseLock = undefined;
    release?.();
  };

  function handleOn(shared: QueryRunner): QueryRunner {
    const handle = Object.create(shared) as QueryRunner;
    const proto = Object.getPrototypeOf(shared) as QueryRunner;
    handle.query = (async (...args: Parameters<QueryRunner['query']>) => {
      while (owner !== undefined && owner !== handle) await lock.whenFree();
      return proto.query.apply(handle, args);
    }) as QueryRunner['query'];
    handle.startTransaction = async (isolationLevel) => {
      if (owner === handle) return proto.startTransaction.call(handle, isolationLevel); // nested: a savepoint
      const release = await lock.acquire();
      owner = handle;
      releaseLock = release;
      try {
        await proto.startTransaction.call(handle, isolationLevel);
      } catch (error) {
        finish();
        throw error;
      }
    };
    handle.commitTransaction = async () => {
      try {
        await proto.commitTransaction.call(handle);
      } finally {
        if (owner === handle && !handle.isTransactionActive) finish();
      }
    };
    handle.rollbackTransaction = async () => {
      try {
        await proto.rollbackTransaction.call(handle);
      } finally {
        if (owner === handle && !handle.isTransactionActive) finish();
      }
    };
    return handle;
  }
}
