import { Injectable } from '@nestjs/common';
import type { DeclarationFacts } from '../facts/declaration-facts';
import { HistoryRepository } from '../persistence/history.repository';
import { ValuationReference } from './valuation-reference';

/** Reloaded from the stored items this often (other processes add to the store too). */
const RELOAD_MS = 10 * 60_000;
const MAX_VALUES = 200_000;

/** The valuation reference of this process: loaded from the stored items, extended as declarations are scored. */
@Injectable()
export class ValuationService {
  private reference = new ValuationReference();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly history: HistoryRepository) {}

  async ready(): Promise<ValuationReference> {
    if (this.loadedAt === 0 || Date.now() - this.loadedAt > RELOAD_MS) await this.reload();
    return this.reference;
  }

  reload(): Promise<void> {
    if (this.loading === null) {
      this.loading = (async () => {
        const reference = new ValuationReference();
        for (const v of await this.history.unitValues(MAX_VALUES)) reference.add(v.hs6, v.origin, v.currency, v.valuePerKg);
        this.reference = reference;
        this.loadedAt = Date.now();
      })().finally(() => (this.loading = null));
    }
    return this.loading;
  }

  /** Adds a scored declaration's unit values (after it was compared, never before). */
  add(facts: DeclarationFacts): void {
    for (const item of facts.items) this.reference.add(item.hs6, item.origin, item.currency, item.valuePerKg);
  }
}
