import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule } from '@corridor/platform';

/** Declarations as a service of its own (distributed mode); it notarises through the shared ledger tables. */
@Module({})
export class DeclarationsApiModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: DeclarationsApiModule,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS] }), LedgerModule, DeclarationsModule],
    };
  }
}
