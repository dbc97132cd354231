import type { DeclarationSummary } from '@corridor/declarations';
import type { TrustedCarrier } from './carrier';
import type { CctvRead, LprRead, RfidRead } from './device-read';
import type { IdentifyingKind, LaneSettings, LaneType } from './lane';

/** In increasing severity: the recommendation is the most severe outcome any reason has. */
export const RECOMMENDATIONS = ['release', 'manual', 'refer'] as const;
export type RecommendationAction = (typeof RECOMMENDATIONS)[number];

/** One line the officer reads; `outcome` is what this fact alone would recommend. */
export interface Reason {
  code: string;
  outcome: RecommendationAction;
  text: string;
}

/** A contradiction between sources (the reads disagree with the registry or each other). */
export interface Flag {
  code: string;
  text: string;
}

/** What a certificate check found (none are wired yet: see CertificateCheck). */
export interface CertificateFinding {
  code: string;
  outcome: RecommendationAction;
  text: string;
}

export interface RecommendationFacts {
  laneType: LaneType;
  settings: LaneSettings;
  expects: readonly IdentifyingKind[];
  rfid?: RfidRead;
  lpr?: LprRead;
  cctv?: CctvRead;
  /** The carrier the transponder is registered to. */
  carrier?: TrustedCarrier;
  /** The carrier the plate is registered to (may differ: that is a contradiction). */
  plateOwner?: TrustedCarrier;
  /** Open declarations for the conveyance; `available: false` when the lookup failed. */
  declarations: { available: boolean; items: DeclarationSummary[] };
  certificates: CertificateFinding[];
}

export interface Recommendation {
  action: RecommendationAction;
  /** Most severe first, so the first line says why. */
  reasons: Reason[];
  flags: Flag[];
}

/**
 * Release, refer or manual, with reasons. Release needs every fact to allow it: a trusted,
 * active carrier identified by transponder, a confident plate registered to that carrier, a
 * driver the camera matches, and at least one declaration on file that risk assessed and did
 * not select (green, not selected, not sampled). A declaration still waiting for risk ("lodged")
 * gives manual rather than release: releasing before risk has spoken would bypass it. Anything
 * risk selected, and any contradiction, refers. Missing or doubtful reads ask the officer (manual).
 */
export function recommend(facts: RecommendationFacts): Recommendation {
  const reasons: Reason[] = [];
  const flags: Flag[] = [];
  const add = (code: string, outcome: RecommendationAction, text: string) => reasons.push({ code, outcome, text });
  const flag = (code: string, outcome: RecommendationAction, text: string) => {
    add(code, outcome, text);
    flags.push({ code, text });
  };

  const { rfid, lpr, cctv, carrier, plateOwner, settings } = facts;
  const plateConfident = lpr !== undefined && lpr.confidence >= settings.plateConfidenceThreshold;
  const owner = carrier ?? (rfid ? undefined : plateConfident ? plateOwner : undefined);

  // Who is it?
  if (rfid) {
    if (carrier) carrierStatus(carrier, add);
    else if (facts.laneType === 'trusted') add('NOT_ENROLLED', 'refer', `Transponder ${short(rfid.epc)} is not enrolled in a trusted programme, in a trusted-only lane`);
    else add('TRANSPONDER_UNKNOWN', 'manual', `Transponder ${short(rfid.epc)} is not registered to a trusted carrier: standard processing`);
  } else {
    add('NO_TRANSPONDER', 'manual', facts.expects.includes('rfid') ? 'No RFID transponder read: identify the truck manually' : 'This lane has no RFID reader: identify the truck manually');
    if (owner && owner.status !== 'active') carrierStatus(owner, add);
    else if (!owner && plateConfident && facts.laneType === 'trusted') add('NOT_ENROLLED', 'refer', `Plate ${lpr.plateKey} is not registered to a trusted carrier, in a trusted-only lane`);
  }

  // Is the plate the one the transponder belongs to?
  if (!lpr) add('NO_PLATE', 'manual', facts.expects.includes('lpr') ? 'No plate read: check the plate' : 'This lane has no plate reader: check the plate');
  else if (!plateConfident) add('PLATE_UNCERTAIN', 'manual', `Plate ${lpr.plateKey} read at ${percent(lpr.confidence)} confidence (lane needs ${percent(settings.plateConfidenceThreshold)}): confirm the plate`);
  else if (carrier) {
    if (carrier.plates.includes(lpr.plateKey)) add('PLATE_MATCHES', 'release', `Plate ${lpr.plateKey} is registered to ${carrier.name}`);
    else {
      const elsewhere = plateOwner && plateOwner.id !== carrier.id ? `; it is registered to ${plateOwner.name}` : '';
      flag('PLATE_MISMATCH', 'refer', `Plate ${lpr.plateKey} is not registered to ${carrier.name}, whose transponder ${short(rfid?.epc ?? '')} was read${elsewhere}`);
    }
  } else if (plateOwner) add('PLATE_REGISTERED', 'release', `Plate ${lpr.plateKey} is registered to ${plateOwner.name} (${plateOwner.programme})`);

  // Is the driver who the camera expects?
  if (!cctv) {
    if (facts.expects.includes('cctv')) add('NO_CCTV', 'manual', 'No CCTV driver check received: check the driver');
  } else if (!cctv.driverPresent) add('NO_DRIVER', 'manual', 'CCTV does not see a driver at the booth: check the cab');
  else {
    if (cctv.faceMatchScore === undefined) add('NO_FACE_MATCH', 'manual', 'CCTV gave no face-match score: check the driver card');
    else if (cctv.faceMatchScore < settings.faceMatchThreshold) flag('FACE_MISMATCH', 'refer', `Driver face match ${score(cctv.faceMatchScore)} is below the lane threshold ${score(settings.faceMatchThreshold)}`);
    else add('FACE_MATCH', 'release', `Driver face match ${score(cctv.faceMatchScore)} (lane needs ${score(settings.faceMatchThreshold)})`);
    if (cctv.driverId && owner) {
      const driver = owner.drivers.find((d) => d.id === cctv.driverId);
      if (!driver) flag('DRIVER_NOT_REGISTERED', 'refer', `Driver ${cctv.driverId} is not a registered driver of ${owner.name}`);
      else if (driver.status !== 'active') add('DRIVER_NOT_ACTIVE', 'refer', `Driver ${driver.name}'s ${owner.programme} card is ${driver.status}`);
    }
  }

  // What is it carrying, and what did risk say?
  const identified = Boolean(owner || rfid || plateConfident);
  if (!facts.declarations.available) add('DECLARATIONS_UNAVAILABLE', 'manual', 'Declarations could not be checked just now: look them up');
  else if (facts.declarations.items.length === 0) {
    if (identified) add('NO_DECLARATION', 'refer', 'No declaration on file for this truck: nothing to release against');
    else add('NO_DECLARATION', 'manual', 'No declaration found: the truck is not identified yet');
  } else {
    for (const d of facts.declarations.items) declarationReason(d, add);
  }

  for (const finding of facts.certificates) add(finding.code, finding.outcome, finding.text);

  const action = reasons.reduce<RecommendationAction>((worst, r) => (severity(r.outcome) > severity(worst) ? r.outcome : worst), 'release');
  reasons.sort((a, b) => severity(b.outcome) - severity(a.outcome));
  return { action, reasons, flags };
}

function carrierStatus(carrier: TrustedCarrier, add: (code: string, outcome: RecommendationAction, text: string) => void): void {
  if (carrier.status === 'active') add('CARRIER_TRUSTED', 'release', `${carrier.name}: ${carrier.programme} member, active`);
  else {
    const why = carrier.statusReason ? ` (${carrier.statusReason})` : '';
    add(carrier.status === 'suspended' ? 'CARRIER_SUSPENDED' : 'CARRIER_REVOKED', 'refer', `${carrier.name}'s ${carrier.programme} membership is ${carrier.status}${why}`);
  }
}

function declarationReason(d: DeclarationSummary, add: (code: string, outcome: RecommendationAction, text: string) => void): void {
  const name = `Declaration ${d.id.slice(0, 8)} (${d.type})`;
  const risk = d.risk;
  switch (d.status) {
    case 'lodged':
      return add('RISK_PENDING', 'manual', `${name} is lodged; risk has not assessed it yet`);
    case 'risk-assessed':
      if (!risk) return add('RISK_PENDING', 'manual', `${name} has no risk result on file`);
      if (risk.selected) return add('RISK_SELECTED', 'refer', `${name} was selected for control by risk (${risk.channel}, score ${score(risk.score)})`);
      if (risk.random) return add('RANDOM_SAMPLE', 'refer', `${name} was picked by the random compliance sample`);
      if (risk.channel !== 'green') return add('RISK_CHANNEL', 'refer', `${name} is in the ${risk.channel} channel (score ${score(risk.score)})`);
      return add('RISK_GREEN', 'release', `${name}: risk green, not selected (score ${score(risk.score)})`);
    case 'referred':
    case 'inspected':
      return add('ALREADY_REFERRED', 'refer', `${name} is already ${d.status} for secondary inspection`);
    default:
      return add('DECLARATION_CLOSED', 'manual', `${name} is ${d.status}: check it applies to this trip`);
  }
}

export function severity(action: RecommendationAction): number {
  return RECOMMENDATIONS.indexOf(action);
}

/** Enough of a 24-digit EPC to tell tags apart at a glance. */
function short(epc: string): string {
  return epc.length > 8 ? `…${epc.slice(-6)}` : epc;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function score(x: number): string {
  return x.toFixed(2);
}
