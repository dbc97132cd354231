import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { parsePrivateKey } from '../document/keys';
import type { AgencyKeyRow, AgencyRow } from '../persistence/ecert.entities';
import { AgencyRepository } from '../persistence/agency.repository';
import type { KeyRecordJson } from '../verify-certificate/verify-batch';

export interface CachedAgency {
  readonly expires: number;
  readonly agency: AgencyRow | undefined;
  readonly keys: AgencyKeyRow[];
}

/** How long another process's key change may go unseen here (this process's own changes are seen at once). */
const TTL_MS = 5_000;
const MAX_AGENCIES = 10_000;

/**
 * Agency keys as verification needs them, cached per agency (unknown agencies too, so a flood of
 * made-up agency ids costs one query each per TTL), and the private keys the server keeps.
 */
@Injectable()
export class AgencyKeys {
  private readonly cache = new Map<string, CachedAgency>();
  private readonly signers = new Map<string, KeyObject>();

  constructor(private readonly repository: AgencyRepository) {}

  /** Every key of each agency (empty for an unknown agency). */
  async keysOf(agencyIds: Iterable<string>): Promise<Map<string, AgencyKeyRow[]>> {
    const entries = await this.agencies(agencyIds);
    return new Map([...entries].map(([id, entry]) => [id, entry.keys]));
  }

  /** The agency (undefined when unknown) and its keys. */
  async agency(agencyId: string): Promise<CachedAgency> {
    return (await this.agencies([agencyId])).get(agencyId) as CachedAgency;
  }

  private async agencies(agencyIds: Iterable<string>): Promise<Map<string, CachedAgency>> {
    const now = Date.now();
    const result = new Map<string, CachedAgency>();
    const missing: string[] = [];
    for (const id of new Set(agencyIds)) {
      const hit = this.cache.get(id);
      if (hit && hit.expires > now) result.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const [agencies, rows] = await Promise.all([this.repository.findMany(missing), this.repository.keysOf(missing)]);
      if (this.cache.size + missing.length > MAX_AGENCIES) this.cache.clear();
      for (const id of missing) {
        const entry: CachedAgency = { expires: now + TTL_MS, agency: agencies.find((a) => a.id === id), keys: rows.filter((row) => row.agencyId === id) };
        this.cache.set(id, entry);
        result.set(id, entry);
      }
    }
    return result;
  }

  invalidate(agencyId: string): void {
    this.cache.delete(agencyId);
  }

  /** The parsed private key of a server-kept key. */
  signer(key: AgencyKeyRow): KeyObject {
    const ref = `${key.agencyId} ${key.keyId}`;
    let signer = this.signers.get(ref);
    if (!signer) {
      if (!key.privateKey) throw new TypeError(`key ${key.keyId} of agency ${key.agencyId} is held by the agency, not by the server`);
      signer = parsePrivateKey(key.privateKey).keyObject;
      if (this.signers.size > MAX_AGENCIES) this.signers.clear();
      this.signers.set(ref, signer);
    }
    return signer;
  }
}

export function keyRecord(key: AgencyKeyRow): KeyRecordJson {
  return { publicKey: key.publicKey, validFrom: key.validFrom, validTo: key.validTo, revokedAt: key.revokedAt };
}
