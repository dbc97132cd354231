import { Injectable } from '@nestjs/common';
import type { DeclarationFacts } from '../facts/declaration-facts';
import { RuleRepository } from '../persistence/rule.repository';
import { compileRule, inScope } from '../rule-language/rule-language';
import type { ActiveRule } from '../scoring/score-engine';

/** Other processes' rule changes show within this time; this process's own at once. */
const REFRESH_MS = 2000;

/** The enabled rules, compiled, for scoring. */
@Injectable()
export class RuleBook {
  private rules: ActiveRule[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly repository: RuleRepository) {}

  /** Enabled rules whose scope covers the declaration's office. */
  async active(facts: Pick<DeclarationFacts, 'office'>): Promise<ActiveRule[]> {
    if (Date.now() - this.loadedAt > REFRESH_MS) await this.reload();
    return this.rules.filter((rule) => inScope(rule.definition.scope, facts));
  }

  /** Called after a local change (create, edit, enable, disable, promotion). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private reload(): Promise<void> {
    if (this.loading === null) {
      this.loading = (async () => {
        const stored = await this.repository.enabled();
        this.rules = stored.map((r) => ({ ...r, predicate: compileRule(r.definition) }));
        this.loadedAt = Date.now();
      })().finally(() => (this.loading = null));
    }
    return this.loading;
  }
}
