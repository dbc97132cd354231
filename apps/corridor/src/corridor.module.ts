import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { resolve } from 'node:path';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, MigrationList, PlatformModule } from '@corridor/platform';

/** Every context's migrations, in the order their tables were introduced. */
const MIGRATIONS: MigrationList = [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS];

/** The web apps' builds (npm start builds them first), served under their base paths. */
const WEB_APPS = [
  { rootPath: resolve('dist/apps/lane-console'), serveRoot: '/console' },
  { rootPath: resolve('dist/kpi/dashboard'), serveRoot: '/kpi' },
];

/** The all-in-one host: every context and web app in one process (the embedded default). */
@Module({})
export class CorridorModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: CorridorModule,
      imports: [PlatformModule.forRoot({ config, migrations: MIGRATIONS }), LedgerModule, DeclarationsModule, ServeStaticModule.forRoot(...WEB_APPS)],
    };
  }
}
