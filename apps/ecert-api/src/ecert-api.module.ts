import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule } from '@corridor/ecert';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule } from '@corridor/platform';

/**
 * E-certificates and the AEO registry as a service of their own (distributed mode). Declarations
 * come along because clearance checks read them through GetDeclaration and react to their events.
 */
@Module({})
export class EcertApiModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: EcertApiModule,
      imports: [
        PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }),
        LedgerModule,
        DeclarationsModule,
        EcertModule,
      ],
    };
  }
}
