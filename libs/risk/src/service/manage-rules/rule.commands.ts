import { Command, Query } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { RuleDetail, RuleView } from '../persistence/rule.repository';

/** A new rule (version 1), disabled until a dry run convinced someone to enable it. */
export class CreateRiskRule extends Command<RuleView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

/** An edit: adds version n+1; earlier versions stay readable. */
export class ReviseRiskRule extends Command<RuleView> {
  constructor(readonly ruleId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

/** A regional rule becomes national (a new version with scope national). */
export class PromoteRiskRule extends Command<RuleView> {
  constructor(readonly ruleId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

export class SetRiskRuleEnabled extends Command<RuleView> {
  constructor(readonly ruleId: string, readonly enabled: boolean, readonly principal: Principal) {
    super();
  }
}

/** A rule with every version and change. */
export class GetRiskRule extends Query<RuleDetail> {
  constructor(readonly ruleId: string) {
    super();
  }
}

export class ListRiskRules extends Query<RuleView[]> {
  constructor(readonly filter: { scope?: string; enabled?: boolean }) {
    super();
  }
}
