import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { JsonObject } from '../document/types';
import { CertificateRepository } from '../persistence/certificate.repository';
import { UsageRepository } from '../persistence/usage.repository';
import { GetCertificateUsage, type CertificateUsage, type CertificateUsageLine } from './get-certificate-usage.query';

@QueryHandler(GetCertificateUsage)
export class GetCertificateUsageHandler implements IQueryHandler<GetCertificateUsage> {
  constructor(private readonly certificates: CertificateRepository, private readonly usage: UsageRepository) {}

  async execute({ certificateId }: GetCertificateUsage): Promise<CertificateUsage> {
    const row = await this.certificates.get(certificateId);
    const data = (JSON.parse(row.document) as { data: JsonObject }).data;
    const list = row.type === 'e-phyto' ? data['commodities'] : data['goods'];
    const draws = await this.usage.drawsOn([certificateId]);
    const lines = (Array.isArray(list) ? list : []).map((item, goodsIndex): CertificateUsageLine => {
      const line = (typeof item === 'object' && item !== null && !Array.isArray(item) ? item : {}) as Record<string, unknown>;
      const quantity = line['quantity'] as { value?: unknown; unit?: unknown } | undefined;
      const certified = typeof quantity?.value === 'number' && typeof quantity.unit === 'string' ? { value: quantity.value, unit: quantity.unit } : undefined;
      const onLine = draws.filter((d) => d.goodsIndex === goodsIndex);
      const drawn = Math.round(onLine.reduce((sum, d) => sum + d.quantity, 0) * 1e6) / 1e6;
      return {
        goodsIndex,
        ...(typeof line['hsCode'] === 'string' ? { hsCode: line['hsCode'] } : {}),
        ...(typeof line['description'] === 'string' ? { description: line['description'] } : typeof line['commonName'] === 'string' ? { description: line['commonName'] } : {}),
        ...(certified ? { certified, remaining: Math.round((certified.value - drawn) * 1e6) / 1e6 } : {}),
        drawn,
        overUse: certified !== undefined && drawn > certified.value * (1 + 1e-9),
        draws: onLine.map((d) => ({ declarationId: d.declarationId, declarationVersion: d.declarationVersion, itemIndex: d.itemIndex, quantity: d.quantity, lodgedAt: d.lodgedAt })),
      };
    });
    return { certificateId, type: row.type, status: row.status, overUse: lines.some((l) => l.overUse), lines };
  }
}
