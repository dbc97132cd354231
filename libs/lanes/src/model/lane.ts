import { InvalidFieldsError, UnLocode, FieldReader, type Json } from '@corridor/domain';

export const LANE_TYPES = ['standard', 'trusted', 'mixed'] as const;
/** standard: everyone; trusted: FAST/AEO/PIP members only; mixed: both, trusted trucks get the fast path. */
export type LaneType = (typeof LANE_TYPES)[number];

export const DEVICE_KINDS = ['rfid', 'lpr', 'cctv', 'voip'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** The devices whose reads identify a truck and feed the recommendation; VoIP only records the call. */
export const IDENTIFYING_KINDS = ['rfid', 'lpr', 'cctv'] as const;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];

export const LANE_STATUSES = ['open', 'closed'] as const;
export type LaneStatus = (typeof LANE_STATUSES)[number];

/**
 * Lane ids travel in MQTT topics and URLs: upper-case letters, digits and dashes only, so they
 * never hold a topic wildcard (+, #) or a level separator, and never collide with a fixed route
 * segment such as `stats`.
 */
export const LANE_ID = /^[A-Z0-9][A-Z0-9-]{1,47}$/;
export const PORT_ID = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export interface LaneSettings {
  /** Reads on the lane within this many seconds of each other form one passage. */
  passageWindowSeconds: number;
  /** CCTV face-match score (0-1) below which the driver is flagged. */
  faceMatchThreshold: number;
  /** LPR confidence (0-1) below which the officer is asked to confirm the plate. */
  plateConfidenceThreshold: number;
}

export interface LaneDevice {
  id: string;
  kind: DeviceKind;
  label?: string;
}

export interface Lane {
  id: string;
  portId: string;
  name: string;
  type: LaneType;
  booth: string;
  status: LaneStatus;
  position: number;
  devices: LaneDevice[];
  settings: LaneSettings;
}

export interface Port {
  id: string;
  name: string;
  locode: string;
  createdAt: string;
}

export const DEFAULT_SETTINGS: Readonly<LaneSettings> = { passageWindowSeconds: 20, faceMatchThreshold: 0.8, plateConfidenceThreshold: 0.85 };

/** The identifying reads a lane waits for before it recommends: those its devices can produce. */
export function expectedKinds(lane: Pick<Lane, 'devices'>): IdentifyingKind[] {
  return IDENTIFYING_KINDS.filter((kind) => lane.devices.some((device) => device.kind === kind));
}

/** One of each device, named after the lane: what a freshly equipped PIL lane has. */
export function standardDevices(laneId: string, kinds: readonly DeviceKind[] = DEVICE_KINDS): LaneDevice[] {
  return kinds.map((kind) => ({ id: `${laneId}-${kind.toUpperCase()}`, kind }));
}

export interface NewPort {
  port: Omit<Port, 'createdAt'>;
  lanes: Lane[];
}

const MAX_LANES = 64;

/** Validates an admin's port definition (POST /api/ports); every bad field is named. */
export function parsePort(input: unknown): NewPort {
  const r = new FieldReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['id', 'name', 'locode', 'lanes']);
  const id = r.string(body.id, 'id', { max: 32, pattern: PORT_ID, patternHint: 'must be 2-32 upper-case letters, digits or dashes, e.g. USDET-AMB' });
  const name = r.string(body.name, 'name', { max: 128 });
  const locode = body.locode === undefined ? undefined : r.value('locode', () => UnLocode.parse(body.locode, 'locode').toString());
  if (body.locode === undefined) r.fail('locode', 'is required (UN/LOCODE of the port, e.g. USDET)');
  const lanes: Lane[] = [];
  const rawLanes = r.array(body.lanes, 'lanes', { min: 1, max: MAX_LANES }) ?? [];
  const seen = new Set<string>();
  rawLanes.forEach((raw, n) => {
    const lane = parseLane(r, raw, `lanes[${n}]`, id ?? 'PORT', n);
    const laneId = typeof raw === 'object' && raw !== null ? (raw as Json).id : undefined;
    if (typeof laneId === 'string' && seen.has(laneId.trim())) r.fail(`lanes[${n}].id`, `"${laneId.trim()}" is listed twice`);
    if (typeof laneId === 'string') seen.add(laneId.trim());
    if (lane) lanes.push(lane);
  });
  if (r.errors.length > 0) throw new InvalidFieldsError('PORT.INVALID', r.errors);
  return { port: { id: id as string, name: name as string, locode: locode as string }, lanes };
}

function parseLane(r: FieldReader, input: unknown, field: string, portId: string, position: number): Lane | undefined {
  const body = r.object(input, field);
  if (!body) return undefined;
  r.known(body, field, ['id', 'name', 'type', 'booth', 'status', 'devices', 'settings']);
  const id = r.string(body.id, `${field}.id`, { max: 48, pattern: LANE_ID, patternHint: 'must be 2-48 upper-case letters, digits or dashes, e.g. USDET-AMB-01' });
  const name = r.string(body.name, `${field}.name`, { max: 64 });
  const type = r.oneOf(body.type, `${field}.type`, LANE_TYPES);
  const booth = r.string(body.booth, `${field}.booth`, { max: 32, required: false }) ?? `Booth ${position + 1}`;
  const status = r.oneOf(body.status, `${field}.status`, LANE_STATUSES, false) ?? 'open';
  const devices = body.devices === undefined ? (id ? standardDevices(id) : []) : parseDevices(r, body.devices, `${field}.devices`);
  const settings = parseSettings(r, body.settings, `${field}.settings`);
  if (!id || !name || !type) return undefined;
  return { id, portId, name, type, booth, status, position, devices, settings };
}

function parseDevices(r: FieldReader, input: unknown, field: string): LaneDevice[] {
  const items = r.array(input, field, { max: 16 }) ?? [];
  const devices: LaneDevice[] = [];
  items.forEach((raw, n) => {
    const device = r.object(raw, `${field}[${n}]`);
    if (!device) return;
    r.known(device, `${field}[${n}]`, ['id', 'kind', 'label']);
    const id = r.string(device.id, `${field}[${n}].id`, { max: 64 });
    const kind = r.oneOf(device.kind, `${field}[${n}].kind`, DEVICE_KINDS);
    const label = r.string(device.label, `${field}[${n}].label`, { max: 128, required: false });
    if (id && kind) devices.push({ id, kind, ...(label ? { label } : {}) });
  });
  return devices;
}

export function parseSettings(r: FieldReader, input: unknown, field: string): LaneSettings {
  const body = r.object(input, field, false);
  if (!body) return { ...DEFAULT_SETTINGS };
  r.known(body, field, ['passageWindowSeconds', 'faceMatchThreshold', 'plateConfidenceThreshold']);
  return {
    passageWindowSeconds: r.number(body.passageWindowSeconds, `${field}.passageWindowSeconds`, { min: 1, max: 600, integer: true, required: false }) ?? DEFAULT_SETTINGS.passageWindowSeconds,
    faceMatchThreshold: r.number(body.faceMatchThreshold, `${field}.faceMatchThreshold`, { min: 0, max: 1, required: false }) ?? DEFAULT_SETTINGS.faceMatchThreshold,
    plateConfidenceThreshold: r.number(body.plateConfidenceThreshold, `${field}.plateConfidenceThreshold`, { min: 0, max: 1, required: false }) ?? DEFAULT_SETTINGS.plateConfidenceThreshold,
  };
}
