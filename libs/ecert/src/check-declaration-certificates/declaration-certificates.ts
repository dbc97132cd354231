import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetDeclaration, type DeclarationView } from '@corridor/declarations';
import type { CertificateType, JsonObject } from '../document/types';
import { assessCertificate, planDraw, type CertificateFacts, type DeclarationFacts, type LineUsage } from '../model/clearance';
import { CertificateRepository } from '../persistence/certificate.repository';
import type { DrawRow } from '../persistence/ecert.entities';
import { UsageRepository } from '../persistence/usage.repository';
import { AgencyKeys } from '../registry/agency-keys';
import type { DeclarationCertificateChecks } from './check-declaration-certificates.query';

interface Reference {
  itemIndex: number;
  certificateId: string;
}

/**
 * Checks a declaration's certificates and keeps the e-CoO draw table: the declaration is read
 * through the declarations context's GetDeclaration query, never from its tables.
 */
@Injectable()
export class DeclarationCertificates {
  constructor(
    private readonly queries: QueryBus,
    private readonly certificates: CertificateRepository,
    private readonly usage: UsageRepository,
    private readonly keys: AgencyKeys,
  ) {}

  /**
   * `record: 'always'` (on lodgement and amendment) replaces the declaration's draws with those of
   * its latest version; 'if-stale' (queries) only when that version has not been recorded yet.
   */
  async check(declarationId: string, record: 'always' | 'if-stale'): Promise<{ result: DeclarationCertificateChecks; recorded: boolean }> {
    const view = await this.queries.execute(new GetDeclaration(declarationId));
    const facts = declarationFacts(view);
    const references: Reference[] = view.declaration.items.flatMap((item, itemIndex) => [...new Set(item.certificateIds ?? [])].map((certificateId) => ({ itemIndex, certificateId })));
    const certificates = await this.load(references.map((r) => r.certificateId));
    const at = new Date().toISOString();

    let recorded = false;
    if (record === 'always' || ((await this.usage.recordedVersion(declarationId)) ?? 0) < view.version) {
      const draws = references.flatMap(({ itemIndex, certificateId }): DrawRow[] => {
        const certificate = certificates.get(certificateId);
        const draw = certificate && certificate.status === 'valid' ? planDraw(facts.items[itemIndex], certificate) : undefined;
        if (!draw) return [];
        return [{ certificateId, declarationId, itemIndex, goodsIndex: draw.goodsIndex, declarationVersion: view.version, quantity: draw.quantity, unit: draw.unit, lodgedAt: view.lodgedAt, recordedAt: at }];
      });
      recorded = await this.usage.replaceDraws(declarationId, view.version, draws, '[]', at);
    }

    const ecoos = [...certificates.values()].filter((c) => c.type === 'e-coo').map((c) => c.id);
    const draws = await this.usage.drawsOn(ecoos);
    const checks = references.map(({ itemIndex, certificateId }) => assessCertificate(facts, itemIndex, certificateId, certificates.get(certificateId), lineUsage(draws, declarationId, itemIndex, certificateId)));
    if (recorded) await this.usage.saveChecks(declarationId, view.version, JSON.stringify(checks));
    return { result: { declarationId, version: view.version, checkedAt: at, checks }, recorded };
  }

  private async load(ids: readonly string[]): Promise<Map<string, CertificateFacts>> {
    const rows = await this.certificates.findMany(ids);
    const keys = await this.keys.keysOf(rows.map((r) => r.agencyId));
    const facts = new Map<string, CertificateFacts>();
    for (const row of rows) {
      const document = JSON.parse(row.document) as { data: JsonObject };
      const key = keys.get(row.agencyId)?.find((k) => k.keyId === row.keyId);
      facts.set(row.id, {
        id: row.id,
        type: row.type as CertificateType,
        data: document.data,
        status: row.status as CertificateFacts['status'],
        issuedAt: row.issuedAt,
        ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
        ...(row.revocationReason ? { revocationReason: row.revocationReason } : {}),
        ...(key?.revokedAt ? { keyRevokedAt: key.revokedAt } : {}),
      });
    }
    return facts;
  }
}

export function declarationFacts(view: DeclarationView): DeclarationFacts {
  const d = view.declaration;
  return {
    id: view.id,
    type: d.type,
    officeOfEntry: d.officeOfEntry,
    expectedArrival: d.expectedArrival,
    items: d.items.map((item) => ({ hsCode: item.hsCode, description: item.description, origin: item.origin, quantity: item.quantity, unit: item.unit, netMassKg: item.netMassKg })),
  };
}

/** The item's draw and the line's running total up to it, draws ordered by lodgement. */
function lineUsage(draws: readonly DrawRow[], declarationId: string, itemIndex: number, certificateId: string): LineUsage | undefined {
  const own = draws.find((d) => d.certificateId === certificateId && d.declarationId === declarationId && d.itemIndex === itemIndex);
  if (!own) return undefined;
  let total = 0;
  for (const draw of draws) {
    if (draw.certificateId !== certificateId || draw.goodsIndex !== own.goodsIndex) continue;
    total += draw.quantity;
    if (draw === own) break;
  }
  return { drawn: own.quantity, drawnTotal: total };
}
