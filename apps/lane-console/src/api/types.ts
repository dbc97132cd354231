/**
 * The lanes API's shapes as the console reads them. They mirror the schemas of the `lanes` tag in
 * apps/corridor/openapi.json (LaneDto, PassageDto, PassageReasonDto, FlagDto, CarrierSnapshotDto...);
 * `types.spec.ts` checks every field named here against that document.
 */

export type LaneType = 'standard' | 'trusted' | 'mixed';
export type DeviceKind = 'rfid' | 'lpr' | 'cctv' | 'voip';
export type IdentifyingKind = 'rfid' | 'lpr' | 'cctv';
export type Recommendation = 'release' | 'manual' | 'refer';
export type DecisionAction = 'release' | 'refer' | 'hold';
export type PassageStatus = 'assembling' | 'recommended' | 'decided' | 'exited';
export type Programme = 'FAST' | 'AEO' | 'PIP';
export type TrustStatus = 'active' | 'suspended' | 'revoked';
export type VoipState = 'ringing' | 'connected' | 'ended';
export type RiskChannel = 'green' | 'yellow' | 'red';

export interface LaneDevice {
  id: string;
  kind: DeviceKind;
  label?: string;
}

export interface LaneSettings {
  passageWindowSeconds: number;
  /** CCTV face-match score (0-1) below which the driver is flagged. */
  faceMatchThreshold: number;
  /** LPR confidence (0-1) below which the officer confirms the plate. */
  plateConfidenceThreshold: number;
}

export interface Lane {
  id: string;
  portId: string;
  name: string;
  type: LaneType;
  booth: string;
  status: 'open' | 'closed';
  position: number;
  devices: LaneDevice[];
  settings: LaneSettings;
}

export interface Reason {
  code: string;
  /** What this fact alone would recommend. */
  outcome: Recommendation;
  text: string;
}

export interface Flag {
  code: string;
  text: string;
}

export interface CarrierSnapshot {
  id: string;
  name: string;
  traderId?: string;
  programme: Programme;
  status: TrustStatus;
  matchedBy: 'transponder' | 'plate';
}

/** A declaration summary as the lane stored it (PassageDto.declarations is loosely typed in the document). */
export interface DeclarationSummary {
  id: string;
  version: number;
  status: 'lodged' | 'risk-assessed' | 'released' | 'referred' | 'inspected' | 'cleared' | 'cancelled';
  type: 'IM' | 'EX' | 'TR';
  declarantId: string;
  importerId?: string;
  carrierId?: string;
  plate?: string;
  transponder?: string;
  officeOfEntry: string;
  expectedArrival: string;
  lodgedAt: string;
  itemCount: number;
  risk?: { score: number; channel: RiskChannel; selected: boolean; random: boolean; version?: number };
}

export interface CertificateFinding {
  code: string;
  outcome: Recommendation;
  text: string;
}

interface ReadBase {
  at: string;
  receivedAt: string;
  source: 'mqtt' | 'http';
}
export interface RfidRead extends ReadBase { device: 'rfid'; epc: string; antenna?: number; rssi?: number }
export interface LprRead extends ReadBase { device: 'lpr'; plate: { jurisdiction: string; number: string }; confidence: number; imageRef?: string }
export interface CctvRead extends ReadBase { device: 'cctv'; cameraId: string; driverPresent: boolean; faceMatchScore?: number; driverId?: string }
export interface VoipRead extends ReadBase { device: 'voip'; state: VoipState; officerId?: string; passageId?: string }
export type PassageRead = RfidRead | LprRead | CctvRead | VoipRead;

export interface PassageDecision {
  action: DecisionAction;
  note?: string;
  by: string;
  at: string;
}

export interface PassageTimings {
  /** Device time of the first read: when the truck was first seen. */
  firstReadAt: string;
  openedAt: string;
  lastReadAt: string;
  lastReadReceivedAt: string;
  recommendationAt: string | null;
  decisionAt: string | null;
  exitAt: string | null;
}

export interface Passage {
  id: string;
  laneId: string;
  portId: string;
  status: PassageStatus;
  reads: PassageRead[];
  /** Identifying reads the lane expected and did not get. */
  missing: IdentifyingKind[];
  transponder: string | null;
  /** JUR:NUMBER */
  plate: string | null;
  carrier: CarrierSnapshot | null;
  declarations: DeclarationSummary[];
  certificates: CertificateFinding[];
  recommendation: Recommendation | null;
  /** Most severe first. */
  reasons: Reason[];
  flags: Flag[];
  decision: PassageDecision | null;
  timings: PassageTimings;
  /** Bumped on every change worth redrawing. */
  revision: number;
}

/** The body of POST /api/passages/{id}/decision. */
export interface DecisionRequest {
  action: DecisionAction;
  note?: string;
}

/** The body of POST /api/lanes/{laneId}/events for the booth phone. */
export interface VoipEvent {
  device: 'voip';
  at: string;
  state: VoipState;
  officerId?: string;
  passageId?: string;
}
