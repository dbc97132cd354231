import type { DeclarationSummary } from '@corridor/declarations';
import type { PassageDraft, ReadSource, ReceivedRead } from './assembler';
import type { Programme, TrustStatus } from './carrier';
import type { DeviceRead } from './device-read';
import type { DeviceKind, IdentifyingKind } from './lane';
import type { CertificateFinding, Flag, Reason, RecommendationAction } from './recommend';

export const PASSAGE_STATUSES = ['assembling', 'recommended', 'decided', 'exited'] as const;
export type PassageStatus = (typeof PASSAGE_STATUSES)[number];

export const DECISIONS = ['release', 'refer', 'hold'] as const;
/** release: the truck goes; refer: to secondary inspection; hold: kept at the booth. */
export type DecisionAction = (typeof DECISIONS)[number];

/** A read as stored and shown: the device's fields plus when and how it reached the lane. */
export type PassageRead = { device: DeviceKind; at: string; receivedAt: string; source: ReadSource } & Record<string, unknown>;

export interface CarrierSnapshot {
  id: string;
  name: string;
  traderId?: string;
  programme: Programme;
  status: TrustStatus;
  /** How the lane found the carrier. */
  matchedBy: 'transponder' | 'plate';
}

/** Everything the lane learned about the truck beyond its reads, as of the last recommendation. */
export interface Enrichment {
  carrier: CarrierSnapshot | null;
  declarations: DeclarationSummary[];
  certificates: CertificateFinding[];
}

export interface PassageTimings {
  /** Device time of the earliest read: when the truck was first seen. */
  firstReadAt: string;
  /** Server time the first read arrived. */
  openedAt: string;
  /** Device time of the latest identifying read. */
  lastReadAt: string;
  /** Server time the latest kept read arrived. */
  lastReadReceivedAt: string;
  recommendationAt: string | null;
  decisionAt: string | null;
  exitAt: string | null;
}

export interface PassageDecision {
  action: DecisionAction;
  note?: string;
  by: string;
  at: string;
}

export interface PassageView {
  id: string;
  laneId: string;
  portId: string;
  status: PassageStatus;
  reads: PassageRead[];
  /** Identifying reads the lane expected and did not get. */
  missing: IdentifyingKind[];
  transponder: string | null;
  plate: string | null;
  carrier: CarrierSnapshot | null;
  declarations: DeclarationSummary[];
  certificates: CertificateFinding[];
  recommendation: RecommendationAction | null;
  reasons: Reason[];
  flags: Flag[];
  decision: PassageDecision | null;
  timings: PassageTimings;
  /** Bumped on every change the console should redraw. */
  revision: number;
}

export function passageStatus(p: { recommendationAt: string | null; decisionAt: string | null; exitAt: string | null }): PassageStatus {
  if (p.exitAt) return 'exited';
  if (p.decisionAt) return 'decided';
  if (p.recommendationAt) return 'recommended';
  return 'assembling';
}

/** The device's fields of a read, without the parser's bookkeeping. */
export function readFields(read: DeviceRead): Record<string, unknown> {
  const { atMs: _atMs, plateKey: _plateKey, ...fields } = read as DeviceRead & { plateKey?: string };
  return fields;
}

export function toPassageRead(received: ReceivedRead): PassageRead {
  return { ...readFields(received.read), receivedAt: new Date(received.receivedAt).toISOString(), source: received.source } as PassageRead;
}

/** Every read the draft kept, in device-time order. */
export function draftReads(draft: PassageDraft): ReceivedRead[] {
  const reads: ReceivedRead[] = [...draft.voip];
  if (draft.rfid) reads.push(draft.rfid);
  if (draft.lpr) reads.push(draft.lpr);
  if (draft.cctv) reads.push(draft.cctv);
  return reads.sort((a, b) => a.read.atMs - b.read.atMs || a.receivedAt - b.receivedAt);
}
