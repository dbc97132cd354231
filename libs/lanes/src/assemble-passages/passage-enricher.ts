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
    const [carrier, plateOwner] = await Promise.all([
      epc ? this.trusted.byTransponder(epc) : undefined,
      plateKey ? this.trusted.byPlate(plateKey) : undefined,
    ]);
    const declarations = await this.declarations(epc, plateKey, carrier ?? (epc ? undefined : plateOwner));
    const owner = carrier ?? (epc ? undefined : plateOwner);
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

  /**
   * The conveyance's open declarations, by transponder and by plate. The carrier's id is also
   * searched when no plate was read, keeping only declarations for one of its registered plates
   * (a carrier's other trucks have declarations too).
   */
  private async declarations(epc: string | undefined, plateKey: string | undefined, carrier: TrustedCarrier | undefined): Promise<{ available: boolean; items: DeclarationSummary[] }> {
    const find = async (filter: { plate?: string; transponder?: string; carrierId?: string }) =>
      (await this.queries.execute(new FindDeclarations({ ...filter, page: 1, limit: LIMIT }))).items;
    try {
      const [byTransponder, byPlate, byCarrier] = await Promise.all([
        epc ? find({ transponder: epc }) : [],
        plateKey ? find({ plate: plateKey }) : [],
        carrier?.traderId && !plateKey ? find({ carrierId: carrier.traderId }) : [],
      ]);
      const ofTruck = byCarrier.filter((d) => d.plate !== undefined && carrier?.plates.includes(d.plate) && (!d.transponder || d.transponder === epc));
      const unique = new Map<string, DeclarationSummary>();
      for (const d of [...byTransponder, ...byPlate, ...ofTruck]) if (OPEN.includes(d.status)) unique.set(d.id, d);
      return { available: true, items: [...unique.values()].sort((a, b) => a.expectedArrival.localeCompare(b.expectedArrival) || a.id.localeCompare(b.id)) };
    } catch (error) {
      // No declarations module in this host, or its database failed: the officer looks them up.
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'declarations lookup failed');
      return { available: false, items: [] };
    }
  }
}

function snap(carrier: TrustedCarrier, matchedBy: CarrierSnapshot['matchedBy']): CarrierSnapshot {
  return { id: carrier.id, name: carrier.name, ...(carrier.traderId ? { traderId: carrier.traderId } : {}), programme: carrier.programme, status: carrier.status, matchedBy };
}
