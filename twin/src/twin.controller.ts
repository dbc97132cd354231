import { Body, Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiQuery, ApiTags,
  ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Auth, CorridorConfig, NoBody } from '@corridor/platform';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { MAX_EXPORT_ROWS, TelemetryExport } from './export-telemetry/telemetry-export';
import { readStateTime, readTelemetryWindow } from './export-telemetry/telemetry-window';
import { GetTwinAccuracy, GetTwinForecast, GetTwinScenario } from './get-forecast/twin-queries';
import { ImportTelemetry } from './import-telemetry/import-telemetry.command';
import { readTelemetryBody, TELEMETRY_CONTENT_TYPES } from './import-telemetry/telemetry-body';
import { GetLiveState } from './live-state/get-live-state.query';
import { RefreshTwinForecast } from './refresh-forecast/refresh-forecast.command';
import {
  TwinAccuracyReportDto, TwinForecastViewDto, TwinImportResultDto, TwinInvalidTelemetryDto, TwinLiveStateDto, TwinScenarioDto, TwinTelemetryEventDto, TwinWhatIfRequestDto, TwinWhatIfResultDto,
} from './twin.dto';
import { readWhatIfRequest } from './what-if/read-what-if';
import { RunWhatIf } from './what-if/what-if.query';

/** The digital twin: telemetry in and out, the live state, forecasts with what happened beside them, what-ifs and accuracy. */
@ApiTags('twin')
@Controller('api/twin')
export class TwinController {
  private readonly logger = new Logger('Twin');

  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly exporter: TelemetryExport, private readonly config: CorridorConfig) {}

  @Get('telemetry')
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({
    summary: 'Stored telemetry of [from, to) as JSON lines, oldest first (the import format)',
    description: `At most ${MAX_EXPORT_ROWS} events: X-Total-Count holds the number in the window; when it is larger, X-Telemetry-Truncated is "true" and X-Telemetry-Note says how to read the rest (narrower windows).`,
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601; default: 24 h before to' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive; default: now' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'One event per line', type: TwinTelemetryEventDto })
  @ApiBadRequestResponse({ description: 'from/to not ISO 8601, from not before to, or an unknown parameter; `field` names it' })
  async exportTelemetry(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const window = readTelemetryWindow(query, new Date());
    const total = await this.exporter.count(window);
    response.status(200);
    response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('X-Total-Count', String(total));
    response.setHeader('X-Telemetry-From', window.from);
    response.setHeader('X-Telemetry-To', window.to);
    if (total > MAX_EXPORT_ROWS) {
      response.setHeader('X-Telemetry-Truncated', 'true');
      response.setHeader('X-Telemetry-Note', `only the first ${MAX_EXPORT_ROWS} of ${total} events are sent; ask for narrower from/to windows to read the rest`);
    }
    try {
      for await (const chunk of this.exporter.chunks(window)) {
        if (!response.write(chunk)) await once(response, 'drain');
      }
      response.end();
    } catch (error) {
      if (!response.headersSent) throw error;
      // Lines already went out: cut the connection so the client sees an incomplete file, not a short one.
      this.logger.error({ err: error }, 'telemetry export failed mid-stream');
      response.destroy();
    }
  }

  @Post('telemetry')
  @HttpCode(201)
  @Auth('engineer', 'manager')
  @ApiOperation({
    summary: 'Import telemetry as JSON lines (one event per line), all or nothing; events already stored are skipped',
    description: `Content-Type ${TELEMETRY_CONTENT_TYPES.join(', ')}; up to 20 MB. Any bad line: 422 listing the issues (line, field, message; the first 50) and nothing is stored.`,
  })
  @ApiConsumes(...TELEMETRY_CONTENT_TYPES)
  @ApiBody({ description: 'JSON lines, e.g. {"type":"pil_start","truckId":"T1","laneId":"PIL-1","at":"2026-11-25T08:30:00Z"}', schema: { type: 'string' } })
  @ApiCreatedResponse({ type: TwinImportResultDto })
  @ApiBadRequestResponse({ description: 'Empty body' })
  @ApiPayloadTooLargeResponse({ description: 'Body over 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a JSON-lines content type' })
  @ApiUnprocessableEntityResponse({ type: TwinInvalidTelemetryDto, description: 'Bad lines, with line numbers; nothing stored' })
  async importTelemetry(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.execute(new ImportTelemetry(await readTelemetryBody(request, response)));
  }

  @Get('state')
  @Auth()
  @ApiOperation({ summary: "The crossing now (or at `at`) from the last 6 h of telemetry: each lane's queue and booth, with the lanes context's lanes" })
  @ApiQuery({ name: 'at', required: false, description: 'ISO 8601; default now' })
  @ApiOkResponse({ type: TwinLiveStateDto })
  @ApiBadRequestResponse({ description: '`at` is not ISO 8601 or more than a day ahead' })
  state(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new GetLiveState(readStateTime(query, new Date())));
  }

  @Get('forecast')
  @Auth()
  @ApiOperation({ summary: "The latest forecast (queue, wait and throughput bands per bucket) and `actual`: what happened from 3 h before its state's time to now" })
  @ApiOkResponse({ type: TwinForecastViewDto })
  @ApiNotFoundResponse({ description: 'No forecast yet' })
  latestForecast() {
    return this.queries.execute(new GetTwinForecast());
  }

  @Post('forecast')
  @HttpCode(201)
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({ summary: 'Refresh now: calibrate on recent telemetry, forecast from the live state, score earlier forecasts; returns the new forecast' })
  @ApiCreatedResponse({ type: TwinForecastViewDto })
  @ApiBadRequestResponse({ description: 'A body was sent (this action takes none)' })
  @ApiUnprocessableEntityResponse({ description: 'Too little telemetry to calibrate; the message says why' })
  refresh(@NoBody() _body: undefined) {
    return this.commands.execute(new RefreshTwinForecast());
  }

  @Get('scenario')
  @Auth()
  @ApiOperation({ summary: 'The scenario calibrated at the latest refresh: YAML (text/yaml, the report in a leading comment) or, with Accept: application/json, {made_at, yaml, report}' })
  @ApiProduces('text/yaml', 'application/json')
  @ApiOkResponse({ type: TwinScenarioDto, description: 'JSON with Accept: application/json; otherwise the YAML text' })
  @ApiNotFoundResponse({ description: 'No calibration yet' })
  async scenario(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const scenario = await this.queries.execute(new GetTwinScenario());
    if (/application\/json/i.test(String(request.headers.accept ?? ''))) return scenario;
    response.setHeader('Content-Type', 'text/yaml; charset=utf-8');
    const report = JSON.stringify(scenario.report, null, 2).split('\n').map((line) => `# ${line}`).join('\n');
    return `# Calibrated by the digital twin at ${scenario.made_at}\n# Calibration report:\n${report}\n${scenario.yaml}`;
  }

  @Post('what-if')
  @HttpCode(200)
  @Auth('officer', 'engineer', 'manager')
  @ApiOperation({ summary: 'Which action keeps the PIL wait under the target over the next hours, on the latest calibration from the live state now' })
  @ApiBody({ type: TwinWhatIfRequestDto, required: false })
  @ApiOkResponse({ type: TwinWhatIfResultDto })
  @ApiBadRequestResponse({ description: 'hours outside 0.25-24, target_wait_s not above 0, or an unknown field; `field` names it' })
  @ApiNotFoundResponse({ description: 'No calibration yet' })
  whatIf(@Body() body: unknown) {
    return this.queries.execute(new RunWhatIf(readWhatIfRequest(body, this.config.twin)));
  }

  @Get('accuracy')
  @Auth()
  @ApiOperation({ summary: 'The latest accuracy report: earlier forecasts scored against what happened (MAE, interval coverage), overall and by horizon' })
  @ApiOkResponse({ type: TwinAccuracyReportDto })
  @ApiNotFoundResponse({ description: 'No forecast has been scored yet (it takes a refresh after the first)' })
  accuracy() {
    return this.queries.execute(new GetTwinAccuracy());
  }
}
