import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FieldReader, InvalidFieldsError } from '@corridor/domain';
import { HistoryRepository } from '../persistence/history.repository';
import { compileRule, parseRule } from '../rule-language/rule-language';
import { DryRun, type DryRunResult } from './dry-run';
import { DryRunRiskRule } from './dry-run-rule.query';

const PAGE = 1000;

@QueryHandler(DryRunRiskRule)
export class DryRunRiskRuleHandler implements IQueryHandler<DryRunRiskRule> {
  constructor(private readonly history: HistoryRepository) {}

  async execute({ input }: DryRunRiskRule): Promise<DryRunResult> {
    const r = new FieldReader();
    const body = r.object(input, 'body');
    if (body) r.known(body, '', ['rule']);
    if (r.errors.length > 0 || !body) throw new InvalidFieldsError('RISK.INVALID_DRY_RUN', r.errors);
    const rule = parseRule(body.rule, 'rule');
    const run = new DryRun(rule, compileRule(rule));
    const office = rule.scope === 'national' ? undefined : rule.scope.slice('office:'.length);
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.history.declarationsPage(offset, PAGE, office);
      for (const row of page) {
        run.add({
          declarationId: row.declarationId, facts: JSON.parse(row.facts), channel: row.channel, selected: Boolean(row.selected), random: Boolean(row.random),
          result: row.result, findings: row.findings ? JSON.parse(row.findings) : [],
        });
      }
      if (page.length < PAGE) break;
    }
    return run.result();
  }
}
