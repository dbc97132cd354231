import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FindDeclarations, type DeclarationStatus, type DeclarationSummary } from '@corridor/declarations';
import type { PassageDraft } from '../model/assembler';
import type { TrustedCarrier } from '../model/carrier';
import { expectedKinds, type Lane } from '../model/lane';
import type { CarrierSnapshot, Enrichment } from '../model/passage';
import type { RecommendationFacts } from '../model/recommend';
import { CertificateCheck } from '../seams/certificate-check';
import { TrustedStatusProvider } from '../seams/trusted-status';

/** Declarations still in play at the border; released, cleared or cancelled ones are past trips. */
const OPEN: readonly DeclarationStatus[] = ['lodged', 'risk-assessed', 'referred', 'inspected'];
const LIMIT = 20;

/** Gathers what the recommendation needs beyond the reads: carrier status, declarations, certificates. */
@Injectable()
export class PassageEnricher {
  private readonly logger = new Logger('Lanes');

  constructor(private readonly trusted: TrustedStatusProvider, private readonly queries: QueryBus, private readonly certificates: CertificateCheck) {}

  async gather(lane: Lane, draft: PassageDraft): Promise<{ facts: RecommendationFacts; enrichment: Enrichment }> {
    const epc = draft.rfid?.read.epc;
    const lpr = draft.lpr?.read;
    // A doubtful plate is not used to look anything up: a misread could attach another truck's cargo.
    const plateKey = lpr && lpr.confidence >= lane.settings.plateConfidenceThreshold ? lpr.plateKey : undefined;
    // Registry and declarations are asked at the same time: this is the lane's critical path.
    const [carrier, plateOwner, byTransponder, byPlate] = await Promise.all([
      epc ? this.trusted.byTransponder(epc) : undefined,
      plateKey ? this.trusted.byPlate(plateKey) : undefined,
      epc ? this.find({ transponder: epc }) : [],
      plateKey ? this.find({ plate: plateKey }) : [],
    ]);
    const owner = carrier ?? (epc ? undefined : plateOwner);
    // The carrier's id is searched only when no plate was read, keeping declarations for one of
    // its registered plates (a carrier's other trucks have declarations too).
    let byCarrier: DeclarationSummary[] = [];
    if (owner?.traderId && !plateKey) {
      const found = await this.find({ carrierId: owner.traderId });
      byCarrier = found === LOOKUP_FAILED ? found : found.filter((d) => d.plate !== undefined && owner.plates.includes(d.plate) && (!d.transponder || d.transponder === epc));
    }
    const declarations = [byTransponder, byPlate, byCarrier].some((found) => found === LOOKUP_FAILED)
      ? { available: false, items: [] }
      : { available: true, items: openDeclarations([...byTransponder, ...byPlate, ...byCarrier]) };
    const certificates = await this.certificates.check({ laneId: lane.id, carrier: owner, declarations: declarations.items });
    const facts: RecommendationFacts = {
      laneType: lane.type,
      settings: lane.settings,
      expects: expectedKinds(lane),
      rfid: draft.rfid?.read,
      lpr,
      cctv: draft.cctv?.read,
      carrier,
      plateOwner,
      declarations,
      certificates,
    };
    const snapshot = carrier ? snap(carrier, 'transponder') : owner ? snap(owner, 'plate') : null;
    return { facts, enrichment: { carrier: snapshot, declarations: declarations.items, certificates } };
  }

  /** One declarations query; a failure (no declarations module in this host, a database error) is marked, not thrown. */
  private async find(filter: { plate?: string; transponder?: string; carrierId?: string }): Promise<DeclarationSummary[]> {
    try {
      return (await this.queries.execute(new FindDeclarations({ ...filter, page: 1, limit: LIMIT }))).items;
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'declarations lookup failed');
      return LOOKUP_FAILED;
    }
  }
}

/** Marks a failed look-up: the officer is then asked to check declarations by hand. */
const LOOKUP_FAILED: DeclarationSummary[] = Object.freeze([]) as unknown as DeclarationSummary[];

function openDeclarations(found: DeclarationSummary[]): DeclarationSummary[] {
  const unique = new Map<string, DeclarationSummary>();
  for (const d of found) if (OPEN.includes(d.status)) unique.set(d.id, d);
  return [...unique.values()].sort((a, b) => a.expectedArrival.localeCompare(b.expectedArrival) || a.id.localeCompare(b.id));
}

function snap(carrier: TrustedCarrier, matchedBy: CarrierSnapshot['matchedBy']): CarrierSnapshot {
  return { id: carrier.id, name: carrier.name, ...(carrier.traderId ? { traderId: carrier.traderId } : {}), programme: carrier.programme, status: carrier.status, matchedBy };
}
