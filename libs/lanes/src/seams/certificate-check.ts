import { Injectable } from '@nestjs/common';
import type { DeclarationSummary } from '@corridor/declarations';
import type { TrustedCarrier } from '../model/carrier';
import type { CertificateFinding } from '../model/recommend';

export interface CertificateCheckInput {
  laneId: string;
  carrier?: TrustedCarrier;
  declarations: DeclarationSummary[];
}

/**
 * Checks the certificates (e-CoO, e-Phyto, other LPCO) the truck's declarations rely on. None is
 * wired yet: the e-cert context will provide one (`LanesModule.forRoot({ certificates })`); each
 * finding becomes a reason with its own outcome.
 */
export abstract class CertificateCheck {
  abstract check(input: CertificateCheckInput): Promise<CertificateFinding[]>;
}

@Injectable()
export class NoCertificateChecks extends CertificateCheck {
  async check(): Promise<CertificateFinding[]> {
    return [];
  }
}
