import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { FindCarriers, GetCarrier } from './find-carriers/find-carriers.query';
import { parseCarrierFilter } from './find-carriers/parse-carrier-filter';
import { CarrierDto, CarrierPageDto, CarrierStatusDto, RegisterCarrierDto } from './lanes.dto';
import { ChangeCarrierStatus, RegisterCarrier } from './register-carrier/register-carrier.command';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('TRUSTED_TRADER.INVALID_ID', 'id', 'must be a UUID') });

@ApiTags('trusted traders')
@Controller('api/trusted-traders/carriers')
export class TrustedTradersController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @Auth('admin')
  @ApiOperation({ summary: 'Enrol a carrier (FAST, AEO, PIP) with its RFID transponders, plates and drivers' })
  @ApiBody({ type: RegisterCarrierDto })
  @ApiCreatedResponse({ type: CarrierDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `field` names it, e.g. transponders[1] or plates[0].jurisdiction' })
  @ApiConflictResponse({ description: 'A transponder or plate is already registered to another carrier' })
  register(@Body() body: unknown) {
    return this.commands.execute(new RegisterCarrier(body));
  }

  @Get()
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({ summary: 'Carriers, by transponder, plate (JUR:NUMBER), status or programme' })
  @ApiQuery({ name: 'transponder', required: false })
  @ApiQuery({ name: 'plate', required: false, example: 'CA-ON:AB12345' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'programme', required: false })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiOkResponse({ type: CarrierPageDto })
  find(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new FindCarriers(parseCarrierFilter(query)));
  }

  @Get(':id')
  @Auth('officer', 'engineer', 'manager')
  @ApiOkResponse({ type: CarrierDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid) id: string) {
    return this.queries.execute(new GetCarrier(id));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ summary: 'Suspend, revoke or reinstate a carrier; its next truck is recommended accordingly' })
  @ApiBody({ type: CarrierStatusDto })
  @ApiOkResponse({ type: CarrierDto })
  @ApiNotFoundResponse()
  changeStatus(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new ChangeCarrierStatus(id, body, principal.id));
  }
}
