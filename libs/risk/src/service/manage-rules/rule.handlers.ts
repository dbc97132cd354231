import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ConflictError, FieldReader, InvalidFieldsError } from '@corridor/domain';
import type { Principal } from '@corridor/platform';
import { RuleRepository, type RuleDetail, type RuleView } from '../persistence/rule.repository';
import { parseRule, type RuleDefinition } from '../rule-language/rule-language';
import { assertCanWrite } from './rule-access';
import { RuleBook } from './rule-book';
import { CreateRiskRule, GetRiskRule, ListRiskRules, PromoteRiskRule, ReviseRiskRule, SetRiskRuleEnabled } from './rule.commands';

@CommandHandler(CreateRiskRule)
export class CreateRiskRuleHandler implements ICommandHandler<CreateRiskRule> {
  constructor(private readonly rules: RuleRepository, private readonly book: RuleBook) {}

  async execute({ input, principal }: CreateRiskRule): Promise<RuleView> {
    const definition = parseRule(input);
    assertCanWrite(principal, definition.scope);
    const view = await this.rules.create(definition, principal.id, new Date().toISOString());
    this.book.invalidate();
    return view;
  }
}

@CommandHandler(ReviseRiskRule)
export class ReviseRiskRuleHandler implements ICommandHandler<ReviseRiskRule> {
  constructor(private readonly rules: RuleRepository, private readonly book: RuleBook) {}

  async execute({ ruleId, input, principal }: ReviseRiskRule): Promise<RuleView> {
    const definition = parseRule(input);
    const current = await this.rules.get(ruleId);
    // Both the rule as it is and as it would become must be the caller's to write.
    assertCanWrite(principal, current.scope);
    assertCanWrite(principal, definition.scope);
    const view = await this.rules.revise(ruleId, current.version, definition, principal.id, new Date().toISOString(), 'revised');
    this.book.invalidate();
    return view;
  }
}

@CommandHandler(PromoteRiskRule)
export class PromoteRiskRuleHandler implements ICommandHandler<PromoteRiskRule> {
  constructor(private readonly rules: RuleRepository, private readonly book: RuleBook) {}

  async execute({ ruleId, input, principal }: PromoteRiskRule): Promise<RuleView> {
    const r = new FieldReader();
    const body = input === undefined || input === null ? {} : (r.object(input, 'body') ?? {});
    r.known(body, '', ['note']);
    const note = r.string(body.note, 'note', { max: 2000, required: false });
    if (r.errors.length > 0) throw new InvalidFieldsError('RISK.INVALID_PROMOTION', r.errors);
    assertCanWrite(principal, 'national');
    const current = await this.rules.get(ruleId);
    if (current.scope === 'national') throw new ConflictError('RISK.RULE_ALREADY_NATIONAL', `rule ${ruleId} is already national`, 'scope');
    const definition: RuleDefinition = { ...current.definition, scope: 'national' };
    const view = await this.rules.revise(ruleId, current.version, definition, principal.id, new Date().toISOString(), 'promoted', `promoted from ${current.scope}${note ? `: ${note}` : ''}`);
    this.book.invalidate();
    return view;
  }
}

@CommandHandler(SetRiskRuleEnabled)
export class SetRiskRuleEnabledHandler implements ICommandHandler<SetRiskRuleEnabled> {
  constructor(private readonly rules: RuleRepository, private readonly book: RuleBook) {}

  async execute({ ruleId, enabled, principal }: SetRiskRuleEnabled): Promise<RuleView> {
    const current = await this.rules.get(ruleId);
    assertCanWrite(principal as Principal, current.scope);
    const view = await this.rules.setEnabled(ruleId, enabled, principal.id, new Date().toISOString());
    this.book.invalidate();
    return view;
  }
}

@QueryHandler(GetRiskRule)
export class GetRiskRuleHandler implements IQueryHandler<GetRiskRule> {
  constructor(private readonly rules: RuleRepository) {}

  execute({ ruleId }: GetRiskRule): Promise<RuleDetail> {
    return this.rules.detail(ruleId);
  }
}

@QueryHandler(ListRiskRules)
export class ListRiskRulesHandler implements IQueryHandler<ListRiskRules> {
  constructor(private readonly rules: RuleRepository) {}

  execute({ filter }: ListRiskRules): Promise<RuleView[]> {
    return this.rules.list(filter);
  }
}
