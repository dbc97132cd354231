import { Body, Controller, Get, HttpCode, Param, Post, Query, Sse, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth } from '@corridor/platform';
import { CreatePort } from './configure-lanes/create-port.command';
import { LaneDirectory } from './configure-lanes/lane-directory';
import { ListLanes, ListPorts } from './configure-lanes/list-lanes.query';
import { GetCurrentPassage, ListPassages } from './get-passage/get-passage.query';
import { requireLane } from './get-passage/get-passage.handler';
import { CreatedPortDto, CreatePortDto, DeviceEventDto, IngestResultDto, IngestStatsDto, LaneDto, LaneStatsDto, PassageDto, PortDto } from './lanes.dto';
import { PassageRepository } from './persistence/passage.repository';
import { GetIngestStats, GetLaneStats } from './record-device-event/get-lane-stats.query';
import { RecordDeviceEvent } from './record-device-event/record-device-event.command';
import { PassageFeed } from './stream-passages/passage-feed';
import { StreamAuthGuard } from './stream-passages/stream-auth.guard';

const READERS = ['officer', 'engineer', 'manager'] as const;

@ApiTags('lanes')
@Controller('api')
export class LanesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly directory: LaneDirectory,
    private readonly passages: PassageRepository,
    private readonly feed: PassageFeed,
  ) {}

  @Get('ports')
  @Auth(...READERS)
  @ApiOperation({ summary: 'Ports of entry and how many primary lanes each has' })
  @ApiOkResponse({ type: [PortDto] })
  ports() {
    return this.queries.execute(new ListPorts());
  }

  @Post('ports')
  @HttpCode(201)
  @Auth('admin')
  @ApiOperation({ summary: 'Equip a port of entry with its primary lanes, booths, devices and settings' })
  @ApiBody({ type: CreatePortDto })
  @ApiCreatedResponse({ type: CreatedPortDto })
  @ApiConflictResponse({ description: 'The port or one of its lane ids exists already' })
  createPort(@Body() body: unknown) {
    return this.commands.execute(new CreatePort(body));
  }

  @Get('lanes')
  @Auth(...READERS)
  @ApiOperation({ summary: 'Every primary lane with its type, booth, devices, settings and status' })
  @ApiQuery({ name: 'portId', required: false, example: 'USDET-AMB' })
  @ApiOkResponse({ type: [LaneDto] })
  lanes(@Query('portId') portId?: unknown) {
    return this.queries.execute(new ListLanes(typeof portId === 'string' && portId ? portId : undefined));
  }

  // Declared before ':laneId' so "stats" is not taken for a lane id (lane ids are upper case anyway).
  @Get('lanes/stats')
  @Auth(...READERS)
  @ApiOperation({ summary: 'The MQTT link, and messages that reached no lane (bad topics, unknown devices or lanes)' })
  @ApiOkResponse({ type: IngestStatsDto })
  ingestStats() {
    return this.queries.execute(new GetIngestStats());
  }

  @Get('lanes/:laneId')
  @Auth(...READERS)
  @ApiOperation({ summary: 'One lane' })
  @ApiOkResponse({ type: LaneDto })
  @ApiNotFoundResponse()
  lane(@Param('laneId') laneId: string) {
    return requireLane(this.directory, laneId);
  }

  @Get('lanes/:laneId/stats')
  @Auth(...READERS)
  @ApiOperation({ summary: "What the lane did with its device messages since this process started: kept, duplicates, rejected by reason" })
  @ApiOkResponse({ type: LaneStatsDto })
  @ApiNotFoundResponse()
  laneStats(@Param('laneId') laneId: string) {
    return this.queries.execute(new GetLaneStats(laneId));
  }

  @Post('lanes/:laneId/events')
  @HttpCode(202)
  @Auth('officer', 'engineer')
  @ApiOperation({ summary: 'A device event over HTTP: the same payloads as MQTT corridor/lanes/{laneId}/{device}, plus `device`' })
  @ApiBody({ type: DeviceEventDto })
  @ApiAcceptedResponse({ type: IngestResultDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `field` names it (epc, plate.number, confidence, at...)' })
  @ApiNotFoundResponse({ description: 'No such lane' })
  recordEvent(@Param('laneId') laneId: string, @Body() body: unknown) {
    const device = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).device : undefined;
    return this.commands.execute(new RecordDeviceEvent(laneId, device, body, 'http'));
  }

  @Get('lanes/:laneId/passages')
  @Auth(...READERS)
  @ApiOperation({ summary: "The lane's latest passages, newest first" })
  @ApiQuery({ name: 'limit', required: false, example: 20 })
  @ApiOkResponse({ type: [PassageDto] })
  @ApiNotFoundResponse()
  passagesOfLane(@Param('laneId') laneId: string, @Query('limit') limit?: unknown) {
    return this.queries.execute(new ListPassages(laneId, parseLimit(limit)));
  }

  @Get('lanes/:laneId/passages/current')
  @Auth(...READERS)
  @ApiOperation({ summary: 'The passage at the booth: the oldest not yet decided, else the last decided one' })
  @ApiOkResponse({ type: PassageDto })
  @ApiNotFoundResponse({ description: 'No such lane, or no passage yet (code PASSAGE.NONE)' })
  current(@Param('laneId') laneId: string) {
    return this.queries.execute(new GetCurrentPassage(laneId));
  }

  @Sse('lanes/:laneId/passages/stream')
  @UseGuards(StreamAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Server-sent events: `passage` with the current passage whenever it changes. EventSource cannot set headers: pass ?token=' })
  @ApiQuery({ name: 'token', required: false, description: 'Bearer token, for EventSource; prefer a short-lived one' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'event: passage, data: the passage (as GET /api/passages/{id})' })
  @ApiNotFoundResponse()
  async stream(@Param('laneId') laneId: string) {
    await requireLane(this.directory, laneId);
    return this.feed.stream(laneId, () => this.passages.current(laneId));
  }
}

function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return 20;
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) {
    throw new InvalidValueError('LANES.INVALID_LIMIT', 'limit', 'must be a whole number from 1 to 100');
  }
  return Number(raw);
}
