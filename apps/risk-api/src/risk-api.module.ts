import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule } from '@corridor/platform';
import { RISK_MIGRATIONS, RiskModule } from '@corridor/risk';

/**
 * Risk as a service of its own (distributed mode): rules, scoring, learning and selection over
 * HTTP, and the risk worker, which takes 'risk.score', 'risk.learn' and 'risk.retrain' jobs from
 * Bull (REDIS_URL). Declarations are read and assessed in process through DeclarationsModule, on
 * the shared database. Start more of these processes to scale the workers out.
 */
@Module({})
export class RiskApiModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: RiskApiModule,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...RISK_MIGRATIONS] }), LedgerModule, DeclarationsModule, RiskModule],
    };
  }
}
