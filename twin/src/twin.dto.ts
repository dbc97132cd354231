// OpenAPI shapes only: requests are validated by the twin's readers (a 400 names each bad field),
// so these classes document the contract for the dashboard's generated client and validate nothing.
// Names start with Twin: schema names are global across the app's document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const LANE_TYPES = ['standard', 'trusted', 'mixed'];
const TELEMETRY_TYPES = ['arrival', 'pil_start', 'pil_end', 'secondary_start', 'secondary_end', 'exit'];

export class TwinTelemetryEventDto {
  @ApiProperty({ enum: TELEMETRY_TYPES }) type!: string;
  @ApiProperty({ example: 'T-000123', description: 'Truck (or passage) id, at most 128 characters' }) truckId!: string;
  @ApiPropertyOptional({ example: 'PIL-1', description: 'At most 64 characters' }) laneId?: string;
  @ApiPropertyOptional({ enum: LANE_TYPES }) laneType?: string;
  @ApiPropertyOptional() trusted?: boolean;
  @ApiPropertyOptional({ description: 'On pil_end: the officer referred the truck to secondary' }) referred?: boolean;
  @ApiProperty({ example: '2026-11-25T08:30:00.000Z' }) at!: string;
}

export class TwinImportResultDto {
  @ApiProperty({ example: 4120, description: 'Events in the file' }) received!: number;
  @ApiProperty({ example: 4120, description: 'Events stored now; events stored before (same type, truck, time and lane) are skipped' }) imported!: number;
  @ApiProperty({ nullable: true, example: '2026-11-24T08:00:00.000Z', description: "The file's first event time" }) from!: string | null;
  @ApiProperty({ nullable: true, example: '2026-11-25T08:00:00.000Z', description: "The file's last event time" }) to!: string | null;
}

export class TwinTelemetryIssueDto {
  @ApiProperty({ example: 17, description: 'Line number in the file, from 1' }) line!: number;
  @ApiProperty({ example: 'at' }) field!: string;
  @ApiProperty({ example: 'must be an ISO 8601 date-time' }) message!: string;
}

export class TwinInvalidTelemetryDto {
  @ApiProperty({ example: 'TWIN.INVALID_TELEMETRY' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ example: 'line 17', description: 'The first bad line' }) field!: string;
  @ApiProperty({ description: 'Bad lines in all' }) issueCount!: number;
  @ApiProperty({ type: [TwinTelemetryIssueDto], description: 'The first 50 issues, by line' }) issues!: TwinTelemetryIssueDto[];
}

export class TwinStateTruckDto {
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: class unknown' }) trusted!: boolean | null;
  @ApiProperty({ description: 'Waiting or in service since' }) since!: string;
}

export class TwinStateLaneDto {
  @ApiProperty() laneId!: string;
  @ApiProperty({ enum: LANE_TYPES }) laneType!: string;
  @ApiProperty() open!: boolean;
  @ApiProperty({ description: 'Trucks queued for this lane, oldest first, or a count of trucks of unknown class', oneOf: [{ type: 'array', items: { $ref: '#/components/schemas/TwinStateTruckDto' } }, { type: 'number' }] })
  queue!: TwinStateTruckDto[] | number;
  @ApiProperty({ type: TwinStateTruckDto, nullable: true }) inService!: TwinStateTruckDto | null;
}

export class TwinLiveStateDto {
  @ApiProperty() at!: string;
  @ApiProperty({ type: [TwinStateLaneDto] }) lanes!: TwinStateLaneDto[];
  @ApiPropertyOptional({ type: [TwinStateTruckDto], description: 'Arrived, not yet in a lane queue' }) approach?: TwinStateTruckDto[];
  @ApiPropertyOptional({ description: 'Pre-arrival declarations: [{at, trusted}]', type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, trusted: { type: 'boolean', nullable: true } } } })
  expectedArrivals?: Array<{ at: string; trusted: boolean | null }>;
  @ApiPropertyOptional() officersOnDuty?: number;
  @ApiPropertyOptional({ description: '{inInspection: trucks, queue: trucks or a count}', type: 'object', additionalProperties: true }) secondary?: Record<string, unknown>;
}

export class TwinBandDto {
  @ApiProperty() mean!: number;
  @ApiProperty() p50!: number;
  @ApiProperty({ type: [Number], example: [2, 7], description: '80% prediction interval [lo, hi]' }) pi80!: [number, number];
  @ApiProperty({ type: [Number], example: [1, 10], description: '95% prediction interval [lo, hi], contains pi80' }) pi95!: [number, number];
  @ApiProperty({ description: 'Replications that had a value' }) n!: number;
}

export class TwinForecastPointDto {
  @ApiProperty({ description: 'Bucket start' }) at!: string;
  @ApiProperty({ example: 15, description: "Bucket end, minutes after the state's time" }) minutes_ahead!: number;
  @ApiProperty({ type: TwinBandDto, description: 'Time-average trucks waiting for the PIL' }) queue_length!: TwinBandDto;
  @ApiProperty({ type: TwinBandDto, nullable: true, description: 'Mean PIL wait (s) of trucks starting their PIL in the bucket' }) wait_s!: TwinBandDto | null;
  @ApiProperty({ type: TwinBandDto, description: 'PIL decisions per hour' }) throughput_per_hour!: TwinBandDto;
}

export class TwinForecastSummaryDto {
  @ApiProperty({ type: TwinBandDto, nullable: true }) wait_s!: TwinBandDto | null;
  @ApiProperty({ type: TwinBandDto }) queue_length!: TwinBandDto;
  @ApiProperty({ type: TwinBandDto }) throughput_per_hour!: TwinBandDto;
}

export class TwinForecastDto {
  @ApiProperty() scenario!: string;
  @ApiProperty() state_at!: string;
  @ApiProperty() hours!: number;
  @ApiProperty() replications!: number;
  @ApiProperty() seed!: number;
  @ApiProperty() bucket_minutes!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { standard: 2, trusted: 1 } }) lanes_open!: Record<string, number>;
  @ApiProperty({ example: 'none' }) action!: string;
  @ApiProperty({ type: [TwinForecastPointDto] }) points!: TwinForecastPointDto[];
  @ApiProperty({ type: TwinForecastSummaryDto }) summary!: TwinForecastSummaryDto;
  @ApiProperty() wall_ms!: number;
}

export class TwinActualPointDto {
  @ApiProperty({ description: 'Bucket start' }) at!: string;
  @ApiProperty({ nullable: true, type: Number }) queue_length!: number | null;
  @ApiProperty({ nullable: true, type: Number }) wait_s!: number | null;
  @ApiProperty() throughput_per_hour!: number;
}

export class TwinForecastViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() made_at!: string;
  @ApiProperty() state_at!: string;
  @ApiProperty() hours!: number;
  @ApiProperty({ type: TwinForecastDto }) forecast!: TwinForecastDto;
  @ApiProperty({ type: [TwinActualPointDto], description: "What happened, from 3 h before the state's time to now, in the forecast's buckets" }) actual!: TwinActualPointDto[];
}

export class TwinScenarioDto {
  @ApiProperty() made_at!: string;
  @ApiProperty({ description: 'The calibrated scenario (sim YAML format)' }) yaml!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The calibration report: fitted distributions, rates and checks' }) report!: Record<string, unknown>;
}

export class TwinWhatIfRequestDto {
  @ApiPropertyOptional({ minimum: 0.25, maximum: 24, description: 'Hours ahead; default TWIN_FORECAST_HOURS' }) hours?: number;
  @ApiPropertyOptional({ exclusiveMinimum: 0, maximum: 86_400, description: 'Target PIL wait, s; default TWIN_WAIT_TARGET_S' } as Record<string, unknown>) target_wait_s?: number;
}

export class TwinWhatIfOptionDto {
  @ApiProperty({ example: 'open:standard', description: 'none, open:<type>, close:<type>, trusted_only:<lane>, add_officer:<type>...' }) action!: string;
  @ApiProperty({ example: 'Open one more standard lane' }) label!: string;
  @ApiProperty({ description: 'Officers it takes (negative: frees one)' }) cost!: number;
  @ApiProperty({ description: "The upper end of the 80% interval of the window's mean PIL wait is within the target" }) meets_target!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Open lanes by type under the action' }) lanes_open!: Record<string, number>;
  @ApiProperty({ type: TwinForecastSummaryDto }) summary!: TwinForecastSummaryDto;
}

export class TwinWhatIfResultDto {
  @ApiProperty() state_at!: string;
  @ApiProperty() hours!: number;
  @ApiProperty() replications!: number;
  @ApiProperty() target_wait_s!: number;
  @ApiProperty({ description: 'The action recommended' }) recommended!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [TwinWhatIfOptionDto] }) options!: TwinWhatIfOptionDto[];
}

export class TwinAccuracyDto {
  @ApiProperty() n!: number;
  @ApiProperty({ nullable: true, type: Number }) wait_mae_s!: number | null;
  @ApiProperty({ nullable: true, type: Number }) queue_mae!: number | null;
  @ApiProperty({ nullable: true, type: Number }) throughput_mae!: number | null;
  @ApiProperty({ nullable: true, type: Number }) pi80_coverage!: number | null;
  @ApiProperty({ nullable: true, type: Number }) pi95_coverage!: number | null;
}

export class TwinAccuracyByHorizonDto extends TwinAccuracyDto {
  @ApiProperty({ example: 15 }) minutes_ahead!: number;
}

export class TwinAccuracyReportDto {
  @ApiProperty({ description: 'When the refresh that scored them ran' }) scored_at!: string;
  @ApiProperty({ description: 'Forecasts scored' }) forecasts!: number;
  @ApiProperty({ type: [TwinAccuracyByHorizonDto] }) by_horizon!: TwinAccuracyByHorizonDto[];
  @ApiProperty({ type: TwinAccuracyDto }) overall!: TwinAccuracyDto;
}
