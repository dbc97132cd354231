import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { DecidePassage } from './decide-passage/decide-passage.command';
import { GetPassage } from './get-passage/get-passage.query';
import { DecidePassageDto, PassageDto } from './lanes.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('PASSAGE.INVALID_ID', 'id', 'must be a UUID') });

@ApiTags('lanes')
@Controller('api/passages')
export class PassagesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get(':id')
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({ summary: 'A passage: reads, carrier, declarations, recommendation with reasons, flags, decision, timings' })
  @ApiOkResponse({ type: PassageDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid) id: string) {
    return this.queries.execute(new GetPassage(id));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Auth('officer')
  @ApiOperation({ summary: "The officer's decision: release, refer (to secondary) or hold; once per passage" })
  @ApiBody({ type: DecidePassageDto })
  @ApiOkResponse({ type: PassageDto })
  @ApiBadRequestResponse({ description: 'action is missing or unknown' })
  @ApiConflictResponse({ description: 'The passage was already decided' })
  @ApiNotFoundResponse()
  decide(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new DecidePassage(id, body, principal));
  }
}
