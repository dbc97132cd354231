import { DynamicModule, Module } from '@nestjs/common';
import { CorridorConfig, MigrationList, PlatformModule } from '@corridor/platform';

/** Every context's migrations, in the order their tables were introduced. */
const MIGRATIONS: MigrationList = [];

/** The all-in-one host: every context and web app in one process (the embedded default). */
@Module({})
export class CorridorModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: CorridorModule,
      imports: [PlatformModule.forRoot({ config, migrations: MIGRATIONS })],
    };
  }
}
