import { Body, Controller, Get, Headers, HttpCode, MessageEvent, Param, Post, Query, Req, Sse } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TraderId } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AeoFeed } from './aeo-feed/aeo-feed';
import { ChangeAeoStatus } from './change-aeo-status/change-aeo-status.command';
import { CreateMutualRecognitionArrangement } from './create-arrangement/create-arrangement.command';
import { AeoOperatorDto, AeoStatusAnswerDto, AeoStatusChangeDto, ArrangementDto, ArrangementViewDto, RegisterAeoOperatorDto } from './ecert.dto';
import { GetAeoStatus, ListAeoOperators, ListArrangements } from './get-aeo-status/get-aeo-status.query';
import { parseCountry, parseStatusQuery } from './model/aeo';
import { InputReader } from './model/input-reader';
import { RegisterAeoOperator } from './register-aeo-operator/register-aeo-operator.command';

function countryParam(value: unknown, field: string, required: boolean): string | undefined {
  const r = new InputReader();
  const country = parseCountry(r, Array.isArray(value) ? r.fail(field, 'must be given once') : value, field, required);
  r.done('AEO.INVALID_QUERY');
  return country;
}

@ApiTags('aeo')
@Controller('api/aeo')
export class AeoController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly feed: AeoFeed) {}

  @Post('operators')
  @HttpCode(201)
  @Auth('admin', 'officer')
  @ApiOperation({ summary: 'An administration registers a trusted trader (AEO by default; FAST and PIP too)' })
  @ApiBody({ type: RegisterAeoOperatorDto })
  @ApiCreatedResponse({ type: AeoOperatorDto })
  @ApiConflictResponse({ description: 'Already registered by this administration under this programme' })
  register(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RegisterAeoOperator(body, principal));
  }

  @Get('operators')
  @Auth()
  @ApiOperation({ summary: 'Authorisations visible to asSeenBy (its own and its MRA partners\'), with their history' })
  @ApiQuery({ name: 'asSeenBy', required: false, example: 'US' })
  @ApiOkResponse({ type: [AeoOperatorDto] })
  list(@Query('asSeenBy') asSeenBy?: unknown) {
    return this.queries.execute(new ListAeoOperators(countryParam(asSeenBy, 'asSeenBy', false)));
  }

  @Post('operators/:id/status')
  @HttpCode(200)
  @Auth('admin', 'officer')
  @ApiOperation({ summary: 'Grant, suspend or revoke; MRA partners see the change at once (AeoStatusChanged, GET /api/aeo/feed)' })
  @ApiBody({ type: AeoStatusChangeDto })
  @ApiOkResponse({ type: AeoOperatorDto })
  @ApiConflictResponse({ description: 'Already in that status' })
  changeStatus(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new ChangeAeoStatus(id, body, principal));
  }

  @Get('operators/:operatorId/status')
  @Auth()
  @ApiOperation({ summary: 'Was the operator an AEO at time T, as administration B sees it?' })
  @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant (default now)' })
  @ApiQuery({ name: 'asSeenBy', required: false, description: 'The asking administration; only its own and its MRA partners\' authorisations count' })
  @ApiQuery({ name: 'programme', required: false, enum: ['AEO', 'FAST', 'PIP'] })
  @ApiOkResponse({ type: AeoStatusAnswerDto })
  status(@Param('operatorId') operatorId: string, @Query() query: Record<string, unknown>) {
    const id = TraderId.parse(operatorId, 'operatorId').value;
    return this.queries.execute(new GetAeoStatus(id, parseStatusQuery(query)));
  }

  @Post('arrangements')
  @HttpCode(201)
  @Auth('admin')
  @ApiOperation({ summary: 'A mutual-recognition arrangement between two administrations' })
  @ApiBody({ type: ArrangementDto })
  @ApiCreatedResponse({ type: ArrangementViewDto })
  @ApiConflictResponse({ description: 'The two administrations already have one' })
  arrange(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new CreateMutualRecognitionArrangement(body, principal));
  }

  @Get('arrangements')
  @Auth()
  @ApiOperation({ summary: 'Mutual-recognition arrangements (of one administration when given)' })
  @ApiQuery({ name: 'administration', required: false })
  @ApiOkResponse({ type: [ArrangementViewDto] })
  arrangements(@Query('administration') administration?: unknown) {
    return this.queries.execute(new ListArrangements(countryParam(administration, 'administration', false)));
  }

  @Sse('feed')
  @Auth()
  @ApiOperation({
    summary: 'Server-sent events: every status change visible to the administration, as it happens',
    description: 'First a `ready` event {administration, cursor}, then `aeo-status` events whose id is the change\'s sequence number; reconnect with Last-Event-ID (or ?after=) to resume.',
  })
  @ApiQuery({ name: 'administration', required: true, example: 'US' })
  @ApiQuery({ name: 'after', required: false, description: 'Resume after this event id' })
  @ApiProduces('text/event-stream')
  stream(@Query() query: Record<string, unknown>, @Req() request: Request, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const administration = countryParam(query['administration'], 'administration', true) as string;
    const r = new InputReader();
    const raw = query['after'] ?? lastEventId;
    let after: number | undefined;
    if (raw !== undefined && raw !== '') {
      if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) r.fail('after', 'must be an event id (a whole number)');
      else after = Number(raw);
    }
    r.done('AEO.INVALID_QUERY');
    return this.feed.stream(administration, after, () => request.socket.destroy());
  }
}
