import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { serialiseSqliteTransactions } from './sqlite-serialiser';
import { CorridorConfig } from '../config/config';

// TypeORM's own type for the migrations list: classes or instances.
export type MigrationList = MixedList<string | (new () => unknown)>;

/**
 * One DataSource for the process: SQLite (better-sqlite3) under DATA_DIR by default, PostgreSQL
 * when DATABASE_URL is set. Each context registers its entities with TypeOrmModule.forFeature
 * and hands its migrations to the host app, which passes them all here; they run at start-up.
 */
export function dataSourceOptions(config: CorridorConfig, migrations: MigrationList): DataSourceOptions {
  const common = { migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.databaseUrl) {
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      schema: config.databaseSchema,
      // Raw SQL (the ledger's locked appends) must see the same schema as the entities.
      extra: { max: 20, ...(config.databaseSchema ? { options: `-c search_path=${config.databaseSchema}` } : {}) },
      migrationsTransactionMode: 'each',
    };
  }
  if (config.sqliteFile !== ':memory:') mkdirSync(config.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqliteFile,
    // WAL lets readers run during a write; the busy timeout covers a second process (CLI audit).
    enableWAL: config.sqliteFile !== ':memory:',
    timeout: 10_000,
    // Prepared statements are kept per SQL text; the contexts' hot paths use a few hundred texts
    // (TypeORM's default of 100 had them prepared again and again).
    statementCacheSize: 1000,
    // ':memory:' opens as a deserialised database (SQLite's memdb file system): see memdbSqlite.
    ...(config.sqliteFile === ':memory:' ? { driver: memdbSqlite() } : {}),
  };
}

type SqliteConstructor = new (filename: string | Buffer, options?: object) => { serialize(): Buffer; close(): void };
let memdb: SqliteConstructor | undefined;

/**
 * better-sqlite3, opening ':memory:' as a deserialised empty database: a file held in memory
 * (SQLite's memdb VFS) behind an ordinary, bounded page cache. A plain ':memory:' database lives
 * in the page cache itself, and a commit after a B-tree rebalance (which renumbers pages through
 * a number past the end) scans the whole cache: commits grew from 28 µs to 150 µs over a
 * simulated 10,000-truck day. Here they stay flat.
 */
function memdbSqlite(): SqliteConstructor {
  if (memdb) return memdb;
  const Sqlite = require('better-sqlite3') as SqliteConstructor; // untyped native module, loaded as TypeORM does
  const empty = new Sqlite(':memory:');
  const image = empty.serialize();
  empty.close();
  memdb = class extends Sqlite {
    constructor(filename: string | Buffer, options?: object) {
      super(filename === ':memory:' ? image : filename, options);
    }
  };
  return memdb;
}

@Module({})
export class PersistenceModule {
  static forRoot(migrations: MigrationList): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CorridorConfig],
          useFactory: (config: CorridorConfig) => {
            new Logger('Persistence').log(config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.sqliteFile}`);
            return { ...dataSourceOptions(config, migrations), autoLoadEntities: true };
          },
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options as DataSourceOptions);
            serialiseSqliteTransactions(dataSource);
            return dataSource.initialize();
          },
        }),
      ],
    };
  }
}
