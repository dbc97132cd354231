import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { RiskAssessmentsViewDto, RiskFeedbackDto, RiskFeedbackViewDto } from '../risk.dto';
import { uuidParam } from '../shared/uuid.pipe';
import { GetRiskAssessments, RecordRiskFeedback } from './assessment.queries';

const declarationId = uuidParam('declarationId');

@ApiTags('risk assessments')
@Controller('api/risk/assessments')
export class AssessmentsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get(':declarationId')
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({ summary: 'The latest assessment and its history, each with its full reasoning (audit trail), and officers\' feedback' })
  @ApiOkResponse({ type: RiskAssessmentsViewDto })
  @ApiNotFoundResponse()
  get(@Param('declarationId', declarationId) id: string) {
    return this.queries.execute(new GetRiskAssessments(id));
  }

  @Post(':declarationId/feedback')
  @HttpCode(201)
  @Auth('officer')
  @ApiOperation({ summary: 'Agree or disagree with one reason of the latest assessment' })
  @ApiBody({ type: RiskFeedbackDto })
  @ApiCreatedResponse({ type: RiskFeedbackViewDto })
  @ApiBadRequestResponse({ description: 'reasonIndex out of range, or a field missing' })
  feedback(@Param('declarationId', declarationId) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RecordRiskFeedback(id, body, principal));
  }
}
