import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { PublishRunDto, RunKpiDto, RunSummaryDto, RunViewDto } from './kpi.dto';
import { RUN_ID } from './model/measurement';
import { GetRun, ListRuns } from './runs/get-run.query';
import { PublishSimulationRun } from './runs/publish-simulation-run.command';
import type { SimulationRunInput } from './runs/simulation-run';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Simulation runs: their KPI summaries and series, published as measurements. */
@ApiTags('kpi')
@ApiExtraModels(RunKpiDto)
@Controller('api/kpi/runs')
export class RunsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @Auth('manager', 'engineer')
  @ApiOperation({ summary: "Publish a simulation run; KPIs named like the initiative's KPI keys become 'simulation' measurements" })
  @ApiBody({ type: PublishRunDto })
  @ApiCreatedResponse({ type: RunViewDto })
  @ApiBadRequestResponse({ description: 'E.g. kpis.NAME.ci95 not containing the mean, or a unit other than the KPI\'s' })
  @ApiConflictResponse({ description: 'The run id was already published with different content' })
  publish(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    // Validated by the handler, as it is for in-process callers.
    return this.commands.execute(new PublishSimulationRun(body as SimulationRunInput, principal.id));
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Published runs, newest first, without their series' })
  @ApiQuery({ name: 'initiativeId', required: false })
  @ApiOkResponse({ type: [RunSummaryDto] })
  list(@Query('initiativeId') initiativeId?: unknown) {
    if (initiativeId !== undefined && (typeof initiativeId !== 'string' || !UUID.test(initiativeId))) throw new InvalidValueError('KPI.INVALID_ID', 'initiativeId', 'must be a UUID');
    return this.queries.execute(new ListRuns(initiativeId as string | undefined));
  }

  @Get(':runId')
  @Auth()
  @ApiOperation({ summary: "A run's KPIs, its stored series and the measurements it produced" })
  @ApiOkResponse({ type: RunViewDto })
  @ApiNotFoundResponse()
  get(@Param('runId') runId: string) {
    if (!RUN_ID.test(runId)) throw new InvalidValueError('KPI.INVALID_RUN_ID', 'runId', 'is not a valid run id');
    return this.queries.execute(new GetRun(runId));
  }
}
