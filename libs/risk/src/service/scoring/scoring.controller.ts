import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FieldReader, InvalidFieldsError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { RiskScoreRequestDto, RiskScoreResultDto, RiskSelectionDto, RiskSelectionViewDto } from '../risk.dto';
import { SelectionSettings } from '../selection-policy/selection-settings';
import { ScoreAdHocDeclaration } from './score-ad-hoc.query';

@ApiTags('risk scoring')
@Controller('api/risk')
export class ScoringController {
  constructor(private readonly queries: QueryBus, private readonly selection: SelectionSettings) {}

  @Post('score')
  @HttpCode(200)
  @Auth('engineer', 'officer')
  @ApiOperation({ summary: 'Score a declaration body without storing anything (what-if)' })
  @ApiBody({ type: RiskScoreRequestDto })
  @ApiOkResponse({ type: RiskScoreResultDto })
  @ApiBadRequestResponse({ description: 'The declaration is invalid; `field` names the path, e.g. declaration.items[0].hsCode' })
  score(@Body() body: unknown) {
    return this.queries.execute(new ScoreAdHocDeclaration(body));
  }

  @Get('selection')
  @Auth()
  @ApiOperation({ summary: 'The selection policy: target rate, random sample rate, current threshold' })
  @ApiOkResponse({ type: RiskSelectionViewDto })
  getSelection() {
    return this.selection.view();
  }

  @Put('selection')
  @Auth('manager')
  @ApiOperation({ summary: 'Change the target selection rate (and the history it needs)' })
  @ApiBody({ type: RiskSelectionDto })
  @ApiOkResponse({ type: RiskSelectionViewDto })
  setSelection(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const r = new FieldReader();
    const b = r.object(body, 'body') ?? {};
    r.known(b, '', ['targetRate', 'minHistory']);
    const targetRate = r.number(b.targetRate, 'targetRate', { min: 0, max: 1 });
    const minHistory = r.number(b.minHistory, 'minHistory', { min: 1, max: 2000, integer: true, required: false });
    if (r.errors.length > 0) throw new InvalidFieldsError('RISK.INVALID_SELECTION', r.errors);
    return this.selection.update({ targetRate: targetRate as number, ...(minHistory !== undefined ? { minHistory } : {}) }, principal.id);
  }
}
