import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { LANES_MIGRATIONS, LanesModule } from '@corridor/lanes';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, PlatformModule } from '@corridor/platform';

/**
 * The lanes as a service of their own: device events over MQTT (MQTT_URL), passages and the
 * officer's decisions. Declarations are looked up in process through their query bus.
 */
@Module({})
export class LanesApiModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: LanesApiModule,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...LANES_MIGRATIONS] }), LedgerModule, DeclarationsModule, LanesModule],
    };
  }
}
