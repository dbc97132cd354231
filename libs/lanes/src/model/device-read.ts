import { InvalidFieldsError, LicencePlate, RfidEpc, FieldReader } from '@corridor/domain';
import { DEVICE_KINDS, LANE_ID, type DeviceKind } from './lane';

export const VOIP_STATES = ['ringing', 'connected', 'ended'] as const;
export type VoipState = (typeof VOIP_STATES)[number];

interface ReadBase {
  /** When the device saw it (device clock), ISO 8601 UTC. */
  at: string;
  atMs: number;
}
export interface RfidRead extends ReadBase { device: 'rfid'; epc: string; antenna?: number; rssi?: number }
export interface LprRead extends ReadBase { device: 'lpr'; plate: { jurisdiction: string; number: string }; plateKey: string; confidence: number; imageRef?: string }
export interface CctvRead extends ReadBase { device: 'cctv'; cameraId: string; driverPresent: boolean; faceMatchScore?: number; driverId?: string }
/** `passageId`: the console that placed the call may name the passage it is about. */
export interface VoipRead extends ReadBase { device: 'voip'; state: VoipState; officerId?: string; passageId?: string }
export type DeviceRead = RfidRead | LprRead | CctvRead | VoipRead;

export const MAX_PAYLOAD_BYTES = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FIELDS: Record<DeviceKind, readonly string[]> = {
  rfid: ['at', 'epc', 'antenna', 'rssi'],
  lpr: ['at', 'plate', 'confidence', 'imageRef'],
  cctv: ['at', 'cameraId', 'driverPresent', 'faceMatchScore', 'driverId'],
  voip: ['at', 'state', 'officerId', 'passageId'],
};

/**
 * Validates one device message. `device` comes from the MQTT topic or the HTTP body; a body may
 * repeat it (HTTP always does), and a payload that names another device than its topic is refused.
 * Throws InvalidFieldsError naming each bad field (`plate.number`, `confidence`...).
 */
export function parseDeviceRead(device: unknown, input: unknown): DeviceRead {
  const r = new FieldReader();
  const kind = r.oneOf(device, 'device', DEVICE_KINDS);
  const body = r.object(input, 'body');
  if (!kind || !body) throw new InvalidFieldsError('LANE_EVENT.INVALID', r.errors);
  if (body.device !== undefined && body.device !== kind) r.fail('device', `is "${String(body.device).slice(0, 16)}" but the message came for ${kind}`);
  r.known(body, '', ['device', ...FIELDS[kind]]);
  const at = r.instant(body.at, 'at');
  let read: DeviceRead | undefined;
  switch (kind) {
    case 'rfid': {
      const epc = r.value('epc', () => RfidEpc.parse(body.epc, 'epc').hex);
      const antenna = r.number(body.antenna, 'antenna', { min: 0, max: 64, integer: true, required: false });
      const rssi = r.number(body.rssi, 'rssi', { min: -150, max: 50, required: false });
      if (epc) read = { device: 'rfid', at: '', atMs: 0, epc, ...(antenna !== undefined ? { antenna } : {}), ...(rssi !== undefined ? { rssi } : {}) };
      break;
    }
    case 'lpr': {
      const plate = body.plate === undefined ? r.fail('plate', 'is required ({jurisdiction, number})') : r.value('plate', () => LicencePlate.parse(body.plate, 'plate'));
      const confidence = r.number(body.confidence, 'confidence', { min: 0, max: 1 });
      const imageRef = r.string(body.imageRef, 'imageRef', { max: 512, required: false });
      if (plate && confidence !== undefined) read = { device: 'lpr', at: '', atMs: 0, plate: plate.toJSON(), plateKey: plate.key(), confidence, ...(imageRef ? { imageRef } : {}) };
      break;
    }
    case 'cctv': {
      const cameraId = r.string(body.cameraId, 'cameraId', { max: 64 });
      const driverPresent = r.boolean(body.driverPresent, 'driverPresent');
      const faceMatchScore = r.number(body.faceMatchScore, 'faceMatchScore', { min: 0, max: 1, required: false });
      const driverId = r.string(body.driverId, 'driverId', { max: 64, required: false });
      if (cameraId && driverPresent !== undefined) {
        read = { device: 'cctv', at: '', atMs: 0, cameraId, driverPresent, ...(faceMatchScore !== undefined ? { faceMatchScore } : {}), ...(driverId ? { driverId } : {}) };
      }
      break;
    }
    case 'voip': {
      const state = r.oneOf(body.state, 'state', VOIP_STATES);
      const officerId = r.string(body.officerId, 'officerId', { max: 128, required: false });
      const passageId = r.string(body.passageId, 'passageId', { max: 36, required: false, pattern: UUID, patternHint: 'must be a passage id (UUID)' });
      if (state) read = { device: 'voip', at: '', atMs: 0, state, ...(officerId ? { officerId } : {}), ...(passageId ? { passageId: passageId.toLowerCase() } : {}) };
      break;
    }
  }
  if (r.errors.length > 0 || !read || !at) throw new InvalidFieldsError('LANE_EVENT.INVALID', r.errors);
  read.at = at;
  read.atMs = Date.parse(at);
  return read;
}

/** Why a message never reached a lane; the key under which it is counted. */
export type TopicProblem = 'bad-topic' | 'unknown-device';

export const TOPIC_ROOT = 'corridor/lanes';

/** `corridor/lanes/{laneId}/{device}`; anything else under the root is counted, never thrown. */
export function parseTopic(topic: string): { laneId: string; device: DeviceKind } | { problem: TopicProblem } {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT || !LANE_ID.test(parts[2])) return { problem: 'bad-topic' };
  if (!(DEVICE_KINDS as readonly string[]).includes(parts[3])) return { problem: 'unknown-device' };
  return { laneId: parts[2], device: parts[3] as DeviceKind };
}

export function topicFor(laneId: string, device: DeviceKind): string {
  return `${TOPIC_ROOT}/${laneId}/${device}`;
}

/**
 * Turns raw MQTT bytes into a JSON object, or names why not. Size is checked before decoding so
 * a huge message costs nothing; bytes that are not UTF-8 are refused rather than replaced.
 */
export function decodePayload(bytes: Uint8Array): { json: Record<string, unknown> } | { problem: 'too-large' | 'not-utf8' | 'not-json' | 'not-an-object' } {
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) return { problem: 'too-large' };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: 'not-utf8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problem: 'not-an-object' };
  return { json: json as Record<string, unknown> };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The key a rejection is counted under: the first bad field for invalid payloads. */
export function rejectionReason(error: InvalidFieldsError): string {
  return `invalid:${error.errors[0]?.field ?? 'body'}`;
}
