import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { DryRunRiskRule } from '../dry-run-rule/dry-run-rule.query';
import { RiskDryRunRequestDto, RiskDryRunResultDto, RiskRulePromotionDto, RiskRuleDetailDto, RiskRuleDto, RiskRuleViewDto } from '../risk.dto';
import { uuidParam } from '../shared/uuid.pipe';
import { CreateRiskRule, GetRiskRule, ListRiskRules, PromoteRiskRule, ReviseRiskRule, SetRiskRuleEnabled } from './rule.commands';

const id = uuidParam('id');

@ApiTags('risk rules')
@Controller('api/risk/rules')
export class RulesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @Auth('officer', 'manager')
  @ApiOperation({ summary: 'Create an expert rule (version 1, disabled until enabled); officers write office rules, managers national ones' })
  @ApiBody({ type: RiskRuleDto })
  @ApiCreatedResponse({ type: RiskRuleViewDto })
  @ApiBadRequestResponse({ description: 'The rule does not parse; `field` names the path, e.g. conditions[1].field' })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new CreateRiskRule(body, principal));
  }

  @Get()
  @Auth('officer', 'manager', 'engineer')
  @ApiOperation({ summary: 'List rules at their current version' })
  @ApiQuery({ name: 'scope', required: false, example: 'office:USDET' })
  @ApiQuery({ name: 'enabled', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: [RiskRuleViewDto] })
  list(@Query('scope') scope?: string, @Query('enabled') enabled?: string) {
    if (enabled !== undefined && enabled !== 'true' && enabled !== 'false') throw new InvalidValueError('RISK.INVALID_FILTER', 'enabled', 'must be true or false');
    return this.queries.execute(new ListRiskRules({ ...(scope ? { scope } : {}), ...(enabled !== undefined ? { enabled: enabled === 'true' } : {}) }));
  }

  @Post('dry-run')
  @HttpCode(200)
  @Auth('officer', 'manager', 'engineer')
  @ApiOperation({ summary: 'How many past declarations a rule would have hit, and what their inspections found' })
  @ApiBody({ type: RiskDryRunRequestDto })
  @ApiOkResponse({ type: RiskDryRunResultDto })
  @ApiBadRequestResponse({ description: 'The rule does not parse; `field` names the path, e.g. rule.conditions[1].field' })
  dryRun(@Body() body: unknown) {
    return this.queries.execute(new DryRunRiskRule(body));
  }

  @Get(':id')
  @Auth('officer', 'manager', 'engineer')
  @ApiOperation({ summary: 'A rule with every version and change' })
  @ApiOkResponse({ type: RiskRuleDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', id) ruleId: string) {
    return this.queries.execute(new GetRiskRule(ruleId));
  }

  @Put(':id')
  @Auth('officer', 'manager')
  @ApiOperation({ summary: 'Edit a rule: adds a version, earlier versions are kept' })
  @ApiBody({ type: RiskRuleDto })
  @ApiOkResponse({ type: RiskRuleViewDto })
  @ApiConflictResponse({ description: 'Someone else edited the rule at the same time' })
  revise(@Param('id', id) ruleId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new ReviseRiskRule(ruleId, body, principal));
  }

  @Post(':id/promotion')
  @HttpCode(200)
  @Auth('manager')
  @ApiOperation({ summary: 'Promote an office rule to national (a new version)' })
  @ApiBody({ type: RiskRulePromotionDto, required: false })
  @ApiOkResponse({ type: RiskRuleViewDto })
  @ApiConflictResponse({ description: 'Already national' })
  promote(@Param('id', id) ruleId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new PromoteRiskRule(ruleId, body, principal));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('officer', 'manager')
  @ApiOperation({ summary: 'Apply the rule to new declarations' })
  @ApiOkResponse({ type: RiskRuleViewDto })
  enable(@Param('id', id) ruleId: string, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new SetRiskRuleEnabled(ruleId, true, principal));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('officer', 'manager')
  @ApiOperation({ summary: 'Stop applying the rule' })
  @ApiOkResponse({ type: RiskRuleViewDto })
  disable(@Param('id', id) ruleId: string, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new SetRiskRuleEnabled(ruleId, false, principal));
  }
}
