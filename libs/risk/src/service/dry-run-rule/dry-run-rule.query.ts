import { Query } from '@nestjs/cqrs';
import type { DryRunResult } from './dry-run';

/** How many past declarations a rule (not yet stored, or not yet enabled) would have hit, and with what outcome. */
export class DryRunRiskRule extends Query<DryRunResult> {
  constructor(readonly input: unknown) {
    super();
  }
}
