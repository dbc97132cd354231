import { Query } from '@nestjs/cqrs';
import type { CorridorCertificate } from '../document/types';

/**
 * A copy of a registered certificate with the fields under `hide` paths obfuscated
 * ({hide: ["importer.address", "goods[1].quantity"]}); it still verifies. The same can be done
 * without the server with obfuscateDocument.
 */
export class DiscloseCertificate extends Query<CorridorCertificate> {
  constructor(readonly certificateId: string, readonly input: unknown) {
    super();
  }
}
