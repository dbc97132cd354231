import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule } from '@corridor/ecert';
import { KPI_MIGRATIONS, KpiModule } from '@corridor/kpi';
import { AeoRegistryTrustedStatus, LANES_MIGRATIONS, LanesModule } from '@corridor/lanes';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { RISK_MIGRATIONS, RiskModule } from '@corridor/risk';
import { TWIN_MIGRATIONS, TwinModule } from '@corridor/twin';
import { CorridorConfig, MigrationList, PlatformModule } from '@corridor/platform';

/** Every context's migrations, in the order their tables were introduced. */
const MIGRATIONS: MigrationList = [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...KPI_MIGRATIONS, ...LANES_MIGRATIONS, ...RISK_MIGRATIONS, ...ECERT_MIGRATIONS, ...TWIN_MIGRATIONS];

/** The workspace root (where nx.json is), whether running from dist/ or from source in tests. */
function workspaceRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(resolve(dir, 'nx.json'))) return dir;
  return process.cwd();
}

/** The web apps' builds (npm start builds them first), served under their base paths. */
const WEB_APPS = [
  { rootPath: resolve(workspaceRoot(), 'dist/apps/lane-console'), serveRoot: '/console' },
  { rootPath: resolve(workspaceRoot(), 'dist/kpi/dashboard'), serveRoot: '/kpi' },
];

/** The all-in-one host: every context and web app in one process (the embedded default). */
@Module({})
export class CorridorModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: CorridorModule,
      imports: [PlatformModule.forRoot({ config, migrations: MIGRATIONS }), LedgerModule, DeclarationsModule, KpiModule, LanesModule.forRoot({ trustedStatus: AeoRegistryTrustedStatus }), RiskModule, EcertModule, TwinModule, ServeStaticModule.forRoot(...WEB_APPS)],
    };
  }
}
