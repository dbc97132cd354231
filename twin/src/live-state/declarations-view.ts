import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FindDeclarations, type DeclarationStatus } from '@corridor/declarations';
import type { LiveState } from '../engine/twin-engine';

/** Declarations not yet decided at the PIL: their trucks are still to come. */
const PENDING: readonly DeclarationStatus[] = ['lodged', 'risk-assessed'];
const PAGE = 200;
const MAX_PAGES = 10;

/**
 * Pre-arrival declarations as the twin sees them, through the declarations context's
 * FindDeclarations query: the trucks announced for the forecast window. A host without the
 * declarations context has none, and the forecast relies on the arrival profile alone.
 */
@Injectable()
export class DeclarationsView {
  private readonly logger = new Logger('TwinDeclarations');
  private unavailable = false;

  constructor(private readonly queries: QueryBus) {}

  /** Trucks expected between `from` and `to` (ISO), at most PAGE x MAX_PAGES per status. */
  async expectedArrivals(from: string, to: string): Promise<NonNullable<LiveState['expectedArrivals']>> {
    if (this.unavailable) return [];
    const out: NonNullable<LiveState['expectedArrivals']> = [];
    try {
      for (const status of PENDING) {
        for (let page = 1; page <= MAX_PAGES; page++) {
          const found = await this.queries.execute(new FindDeclarations({ status, from, to, page, limit: PAGE }));
          for (const d of found.items) out.push({ at: d.expectedArrival, trusted: null });
          if (page * PAGE >= found.total) break;
        }
      }
    } catch (error) {
      // No handler: this host runs the twin without the declarations context. Say so once.
      this.unavailable = true;
      this.logger.log({ reason: error instanceof Error ? error.message : String(error) }, 'no declarations context in this host: forecasts use the arrival profile alone');
      return [];
    }
    return out;
  }
}
