import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { MeasurementDto, RecordTrsMeasurementsDto, SegmentStatsDto, TrsBreakdownDto, TrsEventDto } from './kpi.dto';
import { parseTrsQuery } from './trs/trs-input';
import { GetTrsBreakdown, RecordTrsEvents, RecordTrsMeasurements } from './trs/trs.commands';

/** Live telemetry as WCO Time Release Study segments. */
@ApiTags('kpi')
@ApiExtraModels(SegmentStatsDto, TrsEventDto)
@Controller('api/kpi/trs')
export class TrsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'TRS segments per hour or day (mean, p50, p90, n; seconds), segments started in [from, to)' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601; default: 24 h (hour) or 30 days (day) before to' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601; default: the end of the current bucket' })
  @ApiQuery({ name: 'bucket', required: false, enum: ['hour', 'day'] })
  @ApiQuery({ name: 'lane', required: false })
  @ApiOkResponse({ type: TrsBreakdownDto })
  breakdown(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new GetTrsBreakdown(parseTrsQuery(query, new Date())));
  }

  @Post('events')
  @HttpCode(201)
  @Auth('manager', 'engineer')
  @ApiOperation({ summary: 'Ingest TRS events (one or an array); an event already stored is skipped' })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(TrsEventDto) }, { type: 'array', items: { $ref: getSchemaPath(TrsEventDto) } }] } })
  @ApiCreatedResponse({ schema: { type: 'object', properties: { received: { type: 'number' }, stored: { type: 'number' } } } })
  @ApiBadRequestResponse()
  events(@Body() body: unknown) {
    return this.commands.execute(new RecordTrsEvents(body));
  }

  @Post('measurements')
  @HttpCode(201)
  @Auth('manager')
  @ApiOperation({ summary: "Record each complete bucket's segment mean as a 'live' measurement of the mapped KPI (re-running replaces)" })
  @ApiBody({ type: RecordTrsMeasurementsDto })
  @ApiCreatedResponse({ schema: { type: 'object', properties: { initiativeId: { type: 'string' }, measurements: { type: 'array', items: { $ref: getSchemaPath(MeasurementDto) } } } } })
  record(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RecordTrsMeasurements(body, principal));
  }
}
