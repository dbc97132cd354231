import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import type { Response } from 'express';
import { CreateInitiative } from './create-initiative/create-initiative.command';
import { measurementsCsv } from './csv/to-csv';
import { DefineKpi, UpdateKpi } from './define-kpi/define-kpi.command';
import { FindMeasurements } from './find-measurements/find-measurements.query';
import { MEASUREMENT_LIMITS, parseMeasurementFilter } from './find-measurements/parse-measurement-filter';
import { DecideGate } from './gates/decide-gate.command';
import { GetGate, ListDecisions } from './gates/get-gate.query';
import { GetInitiative } from './get-initiative/get-initiative.query';
import {
  CreateInitiativeDto, DecideGateDto, GateDecisionDto, DefineKpiDto, GateDto, InitiativeSummaryDto, InitiativeViewDto, KpiViewDto, MeasurementDto,
  PlannedDaysDto, RecordMeasurementDto, UpdateKpiDto,
} from './kpi.dto';
import { ListInitiatives } from './list-initiatives/list-initiatives.query';
import { KPI_KEY } from './model/kpi-definition';
import { RecordMeasurements } from './record-measurements/record-measurements.command';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('KPI.INVALID_ID', 'id', 'must be a UUID') });

function kpiKey(key: string): string {
  if (!KPI_KEY.test(key) || key.length > 64) throw new InvalidValueError('KPI.INVALID_KEY', 'key', 'must be a KPI key (slug)');
  return key;
}

/** Initiatives, their KPIs, measurements and gates. Reads for any signed-in user, writes for managers. */
@ApiTags('kpi')
@ApiExtraModels(PlannedDaysDto, RecordMeasurementDto)
@Controller('api/kpi/initiatives')
export class InitiativesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @Auth('manager')
  @ApiOperation({ summary: 'Register an initiative (phase defaults to poc), optionally with its KPIs' })
  @ApiBody({ type: CreateInitiativeDto })
  @ApiCreatedResponse({ type: InitiativeViewDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `field` names its path, e.g. kpis[0].targets.pilot' })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new CreateInitiative(body, principal));
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Portfolio: every initiative with phase, gate status (ready, met/total) and days in phase against plan' })
  @ApiOkResponse({ type: [InitiativeSummaryDto] })
  list() {
    return this.queries.execute(new ListInitiatives());
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One initiative with phase history, KPIs and their latest measurements' })
  @ApiOkResponse({ type: InitiativeViewDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid) id: string) {
    return this.queries.execute(new GetInitiative(id));
  }

  @Post(':id/kpis')
  @HttpCode(201)
  @Auth('manager')
  @ApiOperation({ summary: 'Define a KPI: key, unit, direction, baseline and targets per phase' })
  @ApiBody({ type: DefineKpiDto })
  @ApiCreatedResponse({ type: KpiViewDto })
  @ApiBadRequestResponse({ description: 'E.g. a lower-is-better target above the baseline or above an earlier phase target' })
  @ApiConflictResponse({ description: 'The key is already used in this initiative' })
  defineKpi(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new DefineKpi(id, body, principal));
  }

  @Patch(':id/kpis/:key')
  @Auth('manager')
  @ApiOperation({ summary: "Change a KPI's name, description, baseline or targets (key, unit and direction are fixed)" })
  @ApiBody({ type: UpdateKpiDto })
  @ApiOkResponse({ type: KpiViewDto })
  updateKpi(@Param('id', uuid) id: string, @Param('key') key: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new UpdateKpi(id, kpiKey(key), body, principal));
  }

  @Post(':id/measurements')
  @HttpCode(201)
  @Auth('manager', 'engineer')
  @ApiOperation({ summary: 'Record a measurement, or an array of them (all or nothing)' })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(RecordMeasurementDto) }, { type: 'array', items: { $ref: getSchemaPath(RecordMeasurementDto) } }] } })
  @ApiCreatedResponse({ type: MeasurementDto, description: 'One measurement, or an array for an array' })
  @ApiBadRequestResponse({ description: 'Unknown KPI key, wrong unit, non-finite value, CI not containing the value; `field` is e.g. [2].ci95' })
  record(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RecordMeasurements(id, body, principal));
  }

  @Get(':id/measurements')
  @Auth()
  @ApiOperation({ summary: 'Measurements, oldest first (the latest `limit`, default 1000); X-Total-Count holds the number matching' })
  @ApiQuery({ name: 'kpi', required: false })
  @ApiQuery({ name: 'source', required: false, enum: ['simulation', 'live', 'manual'] })
  @ApiQuery({ name: 'run', required: false, description: 'run id' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ type: [MeasurementDto] })
  async measurements(@Param('id', uuid) id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const { items, total } = await this.queries.execute(new FindMeasurements(id, parseMeasurementFilter(query)));
    response.setHeader('X-Total-Count', String(total));
    return items;
  }

  @Get(':id/measurements.csv')
  @Auth()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same measurements as CSV (RFC 4180), same filters; all of them up to 100,000 (X-Total-Count tells if more matched)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  async measurementsCsv(@Param('id', uuid) id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const { items, total } = await this.queries.execute(new FindMeasurements(id, parseMeasurementFilter(query, MEASUREMENT_LIMITS.csv)));
    response.setHeader('X-Total-Count', String(total));
    response.setHeader('Content-Disposition', `attachment; filename="kpi-measurements-${id}.csv"`);
    return measurementsCsv(items);
  }

  @Get(':id/gates')
  @Auth()
  @ApiOperation({ summary: 'The gate out of the current phase: each KPI with a target for the next phase, judged on its latest measurement' })
  @ApiOkResponse({ type: GateDto })
  gate(@Param('id', uuid) id: string) {
    return this.queries.execute(new GetGate(id));
  }

  @Post(':id/advance')
  @HttpCode(201)
  @Auth('manager')
  @ApiOperation({ summary: 'Go / no-go at the gate; go moves only when ready (or with override + note); no-go with stop ends the initiative' })
  @ApiBody({ type: DecideGateDto })
  @ApiCreatedResponse({ type: GateDecisionDto })
  @ApiConflictResponse({ description: 'The gate is not ready, there is no further phase, or the initiative is stopped' })
  advance(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new DecideGate(id, body, principal));
  }

  @Get(':id/decisions')
  @Auth()
  @ApiOperation({ summary: 'Every gate decision with who, when, the note and the evidence' })
  @ApiOkResponse({ type: [GateDecisionDto] })
  decisions(@Param('id', uuid) id: string) {
    return this.queries.execute(new ListDecisions(id));
  }
}
