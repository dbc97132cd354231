// OpenAPI shapes only: requests are validated by the model's parsers (FieldReader and domain
// value objects), so these classes document the contract and carry no validation of their own.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAMMES, TRUST_STATUSES } from './model/carrier';
import { VOIP_STATES } from './model/device-read';
import { DEVICE_KINDS, IDENTIFYING_KINDS, LANE_STATUSES, LANE_TYPES } from './model/lane';
import { DECISIONS, PASSAGE_STATUSES } from './model/passage';
import { RECOMMENDATIONS } from './model/recommend';

export class LaneDeviceDto {
  @ApiProperty({ example: 'USDET-AMB-01-RFID' }) id!: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind!: string;
  @ApiPropertyOptional({ example: 'Kapsch TS4000, gantry 1' }) label?: string;
}

export class LaneSettingsDto {
  @ApiProperty({ example: 20, description: 'Reads within this many seconds of each other form one passage (1-600)' }) passageWindowSeconds!: number;
  @ApiProperty({ example: 0.8, description: 'CCTV face-match score below which the driver is flagged (0-1)' }) faceMatchThreshold!: number;
  @ApiProperty({ example: 0.85, description: 'LPR confidence below which the officer confirms the plate (0-1)' }) plateConfidenceThreshold!: number;
}

export class LaneDto {
  @ApiProperty({ example: 'USDET-AMB-01', description: 'Upper-case letters, digits, dashes; used in MQTT topics' }) id!: string;
  @ApiProperty({ example: 'USDET-AMB' }) portId!: string;
  @ApiProperty({ example: 'FAST 1' }) name!: string;
  @ApiProperty({ enum: LANE_TYPES, description: 'trusted = FAST/AEO/PIP members only' }) type!: string;
  @ApiProperty({ example: 'Booth 1' }) booth!: string;
  @ApiProperty({ enum: LANE_STATUSES }) status!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: [LaneDeviceDto] }) devices!: LaneDeviceDto[];
  @ApiProperty({ type: LaneSettingsDto }) settings!: LaneSettingsDto;
}

export class NewLaneDto {
  @ApiProperty({ example: 'USDET-AMB-09' }) id!: string;
  @ApiProperty({ example: 'FAST 9' }) name!: string;
  @ApiProperty({ enum: LANE_TYPES }) type!: string;
  @ApiPropertyOptional({ example: 'Booth 9' }) booth?: string;
  @ApiPropertyOptional({ enum: LANE_STATUSES }) status?: string;
  @ApiPropertyOptional({ type: [LaneDeviceDto], description: 'Default: one RFID reader, LPR, CCTV camera and VoIP phone' }) devices?: LaneDeviceDto[];
  @ApiPropertyOptional({ type: LaneSettingsDto }) settings?: LaneSettingsDto;
}

export class CreatePortDto {
  @ApiProperty({ example: 'USDET-AMB' }) id!: string;
  @ApiProperty({ example: 'Ambassador Bridge, Detroit' }) name!: string;
  @ApiProperty({ example: 'USDET', description: 'UN/LOCODE' }) locode!: string;
  @ApiProperty({ type: [NewLaneDto], description: '1 to 64 lanes' }) lanes!: NewLaneDto[];
}

export class PortDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() locode!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'Number of lanes' }) lanes?: number;
}

export class CreatedPortDto {
  @ApiProperty({ type: PortDto }) port!: PortDto;
  @ApiProperty({ type: [LaneDto] }) lanes!: LaneDto[];
}

export class LanePlateDto {
  @ApiProperty({ example: 'CA-ON', description: 'ISO 3166-1 country or ISO 3166-2 subdivision' }) jurisdiction!: string;
  @ApiProperty({ example: 'AB12345' }) number!: string;
}

export class DeviceEventDto {
  @ApiProperty({ enum: DEVICE_KINDS, description: 'Which payload follows; over MQTT the topic says it instead' }) device!: string;
  @ApiProperty({ example: '2026-11-25T14:30:01.250Z', description: 'When the device saw it: ISO 8601 with a zone' }) at!: string;
  @ApiPropertyOptional({ example: '3034257BF7194E4000001A85', description: 'rfid: 96-bit EPC, 24 hex digits' }) epc?: string;
  @ApiPropertyOptional({ example: 2, description: 'rfid' }) antenna?: number;
  @ApiPropertyOptional({ example: -52.5, description: 'rfid, dBm' }) rssi?: number;
  @ApiPropertyOptional({ type: LanePlateDto, description: 'lpr' }) plate?: LanePlateDto;
  @ApiPropertyOptional({ example: 0.97, description: 'lpr, 0-1' }) confidence?: number;
  @ApiPropertyOptional({ example: 'lpr/2026/11/25/143001-01.jpg', description: 'lpr' }) imageRef?: string;
  @ApiPropertyOptional({ example: 'CAM-01-BOOTH', description: 'cctv' }) cameraId?: string;
  @ApiPropertyOptional({ example: true, description: 'cctv' }) driverPresent?: boolean;
  @ApiPropertyOptional({ example: 0.93, description: 'cctv, 0-1' }) faceMatchScore?: number;
  @ApiPropertyOptional({ example: 'D-1001', description: 'cctv: the enrolled driver the face was matched against' }) driverId?: string;
  @ApiPropertyOptional({ enum: VOIP_STATES, description: 'voip' }) state?: string;
  @ApiPropertyOptional({ example: 'officer-17', description: 'voip' }) officerId?: string;
}

export class IngestResultDto {
  @ApiProperty({ enum: ['opened', 'joined', 'duplicate', 'unmatched'], description: 'opened a passage, joined one, dropped as a duplicate, or a VoIP event with no truck' }) outcome!: string;
  @ApiProperty() laneId!: string;
  @ApiPropertyOptional() passageId?: string;
}

export class LaneStatsDto {
  @ApiProperty() laneId!: string;
  @ApiProperty({ description: 'Counts are since this process started' }) since!: string;
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() unmatched!: number;
  @ApiProperty({ example: { mqtt: 120, http: 3 } }) bySource!: Record<string, number>;
  @ApiProperty({ example: { total: 3, byReason: { 'invalid:epc': 2, 'not-json': 1 } } }) rejected!: { total: number; byReason: Record<string, number> };
  @ApiProperty({ nullable: true, type: String }) lastReadAt!: string | null;
}

export class IngestStatsDto {
  @ApiProperty() since!: string;
  @ApiProperty({ example: { configured: true, connected: true, messages: 1234 } }) mqtt!: Record<string, unknown>;
  @ApiProperty({ example: { total: 2, byReason: { 'bad-topic': 1, 'unknown-lane': 1 }, unknownLanes: { 'NO-SUCH-LANE': 1 } } }) unroutable!: Record<string, unknown>;
}

export class PassageReasonDto {
  @ApiProperty({ example: 'PLATE_MISMATCH' }) code!: string;
  @ApiProperty({ enum: RECOMMENDATIONS, description: 'What this fact alone would recommend' }) outcome!: string;
  @ApiProperty({ example: 'Plate US-MI:ZX9981 is not registered to Great Lakes Haulage, whose transponder …001A85 was read' }) text!: string;
}

export class FlagDto {
  @ApiProperty({ example: 'FACE_MISMATCH' }) code!: string;
  @ApiProperty() text!: string;
}

export class PassageReadDto {
  @ApiProperty({ enum: DEVICE_KINDS }) device!: string;
  @ApiProperty({ description: 'Device time' }) at!: string;
  @ApiProperty({ description: 'Server time it arrived' }) receivedAt!: string;
  @ApiProperty({ enum: ['mqtt', 'http'] }) source!: string;
}

export class CarrierSnapshotDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() traderId?: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: string;
  @ApiProperty({ enum: TRUST_STATUSES }) status!: string;
  @ApiProperty({ enum: ['transponder', 'plate'] }) matchedBy!: string;
}

export class PassageTimingsDto {
  @ApiProperty({ description: 'Device time of the first read' }) firstReadAt!: string;
  @ApiProperty({ description: 'Server time the first read arrived' }) openedAt!: string;
  @ApiProperty() lastReadAt!: string;
  @ApiProperty() lastReadReceivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) recommendationAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Inferred: next truck on the lane, or one passage window after the decision' }) exitAt!: string | null;
}

export class PassageDecisionDto {
  @ApiProperty({ enum: DECISIONS }) action!: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class PassageDto {
  @ApiProperty() id!: string;
  @ApiProperty() laneId!: string;
  @ApiProperty() portId!: string;
  @ApiProperty({ enum: PASSAGE_STATUSES }) status!: string;
  @ApiProperty({ type: [PassageReadDto], description: 'Device fields as sent, plus receivedAt and source' }) reads!: PassageReadDto[];
  @ApiProperty({ enum: IDENTIFYING_KINDS, isArray: true }) missing!: string[];
  @ApiProperty({ nullable: true, type: String }) transponder!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CA-ON:AB12345' }) plate!: string | null;
  @ApiProperty({ type: CarrierSnapshotDto, nullable: true }) carrier!: CarrierSnapshotDto | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Declaration summaries (status, risk channel...)' }) declarations!: Array<Record<string, unknown>>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) certificates!: Array<Record<string, unknown>>;
  @ApiProperty({ enum: RECOMMENDATIONS, nullable: true }) recommendation!: string | null;
  @ApiProperty({ type: [PassageReasonDto], description: 'Most severe first' }) reasons!: PassageReasonDto[];
  @ApiProperty({ type: [FlagDto], description: 'Contradictions between reads and the registry' }) flags!: FlagDto[];
  @ApiProperty({ type: PassageDecisionDto, nullable: true }) decision!: PassageDecisionDto | null;
  @ApiProperty({ type: PassageTimingsDto }) timings!: PassageTimingsDto;
  @ApiProperty() revision!: number;
}

export class DecidePassageDto {
  @ApiProperty({ enum: DECISIONS }) action!: string;
  @ApiPropertyOptional({ example: 'driver card checked by hand' }) note?: string;
}

export class DriverDto {
  @ApiPropertyOptional({ example: 'D-1001', description: 'Generated when omitted' }) id?: string;
  @ApiProperty({ example: 'Jane Doe' }) name!: string;
  @ApiPropertyOptional({ example: '42000123' }) cardNumber?: string;
  @ApiPropertyOptional({ enum: TRUST_STATUSES }) status?: string;
}

export class RegisterCarrierDto {
  @ApiProperty({ example: 'Great Lakes Haulage Ltd' }) name!: string;
  @ApiPropertyOptional({ example: 'CA555000111', description: 'EORI-style id used on declarations (conveyance.carrierId)' }) traderId?: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: string;
  @ApiPropertyOptional({ enum: TRUST_STATUSES, description: 'Default active' }) status?: string;
  @ApiProperty({ type: [String], example: ['3034257BF7194E4000001A85'] }) transponders!: string[];
  @ApiProperty({ type: [LanePlateDto] }) plates!: LanePlateDto[];
  @ApiPropertyOptional({ type: [DriverDto] }) drivers?: DriverDto[];
}

export class CarrierDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() traderId?: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: string;
  @ApiProperty({ enum: TRUST_STATUSES }) status!: string;
  @ApiPropertyOptional() statusReason?: string;
  @ApiProperty({ type: [String] }) transponders!: string[];
  @ApiProperty({ type: [LanePlateDto] }) plates!: LanePlateDto[];
  @ApiProperty({ type: [DriverDto] }) drivers!: DriverDto[];
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CarrierPageDto {
  @ApiProperty({ type: [CarrierDto] }) items!: CarrierDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class CarrierStatusDto {
  @ApiProperty({ enum: TRUST_STATUSES }) status!: string;
  @ApiPropertyOptional({ example: 'audit finding 2026-114' }) reason?: string;
}
