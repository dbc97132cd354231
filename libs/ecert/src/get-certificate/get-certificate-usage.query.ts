import { Query } from '@nestjs/cqrs';

export interface CertificateUsageLine {
  goodsIndex: number;
  hsCode?: string;
  description?: string;
  certified?: { value: number; unit: string };
  /** Sum of every draw on the line, in its unit. */
  drawn: number;
  remaining?: number;
  overUse: boolean;
  draws: Array<{ declarationId: string; declarationVersion: number; itemIndex: number; quantity: number; lodgedAt: string }>;
}

export interface CertificateUsage {
  certificateId: string;
  type: string;
  status: string;
  overUse: boolean;
  lines: CertificateUsageLine[];
}

/** What declarations drew on each goods line of a certificate (e-CoO quantities), oldest lodgement first. */
export class GetCertificateUsage extends Query<CertificateUsage> {
  constructor(readonly certificateId: string) {
    super();
  }
}
