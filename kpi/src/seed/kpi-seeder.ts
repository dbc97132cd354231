import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { KpiRepository } from '../persistence/kpi.repository';
import { secureCorridorSeed, SECURE_CORRIDOR_INITIATIVE_ID } from './secure-corridor';

export const KPI_MODULE_OPTIONS = Symbol('KPI_MODULE_OPTIONS');

export interface KpiModuleOptions {
  /** Seed the Secure Corridor initiative on first start (default true). */
  seed?: boolean;
}

/**
 * Seeds the Secure Corridor initiative once. Safe with several processes starting together: the
 * initiative row is written first under a fixed id inside the seeding transaction, so a second
 * process either sees it and skips, or waits on the row and fails on the key, and then skips.
 */
@Injectable()
export class KpiSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('KpiSeed');

  constructor(private readonly repository: KpiRepository, @Optional() @Inject(KPI_MODULE_OPTIONS) private readonly options?: KpiModuleOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options?.seed === false) return;
    await this.seed();
  }

  /** True when this call created the initiative. */
  async seed(now = new Date()): Promise<boolean> {
    if (await this.repository.exists(SECURE_CORRIDOR_INITIATIVE_ID)) return false;
    try {
      await this.repository.createInitiative(secureCorridorSeed(now), 'seed', now.toISOString());
      this.logger.log('seeded the Secure Corridor initiative');
      return true;
    } catch (error) {
      if (await this.repository.exists(SECURE_CORRIDOR_INITIATIVE_ID)) return false; // another process won the race
      throw error;
    }
  }
}
