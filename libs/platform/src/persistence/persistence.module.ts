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
    // An in-memory database keeps every page in SQLite's page cache, and with 4 KiB pages each
    // commit after a row spilling onto overflow pages (risk audits, declaration bodies) scans a
    // cache that grows with the database: 150 µs per commit after 10,000 simulated trucks.
    // 16 KiB pages hold those rows whole (commits stay near 20 µs). Files keep SQLite's default:
    // their cache is bounded, so commits do not grow with them.
    ...(config.sqliteFile === ':memory:' ? { prepareDatabase: (db: { pragma: (source: string) => unknown }) => void db.pragma('page_size = 16384') } : {}),
  };
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
