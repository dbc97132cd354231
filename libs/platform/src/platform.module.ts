import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AuthController } from './auth/auth.controller';
import { AuthModule } from './auth/auth.module';
import { CorridorConfig } from './config/config';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { LoggingModule } from './logging/logging.module';
import { MigrationList, PersistenceModule } from './persistence/persistence.module';

@Global()
@Module({})
class ConfigHolderModule {
  static of(config: CorridorConfig): DynamicModule {
    return { module: ConfigHolderModule, providers: [{ provide: CorridorConfig, useValue: config }], exports: [CorridorConfig] };
  }
}

/**
 * Configuration, persistence, jobs, auth, logging, health and CQRS for a host app. The host
 * validates configuration once (loadConfig) and passes it in with every context's migrations.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: { config: CorridorConfig; migrations: MigrationList }): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigHolderModule.of(options.config),
        LoggingModule,
        PersistenceModule.forRoot(options.migrations),
        JobsModule,
        AuthModule,
        TerminusModule,
        CqrsModule.forRoot(),
      ],
      controllers: [HealthController, AuthController],
    };
  }
}
