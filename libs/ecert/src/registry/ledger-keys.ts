import { Injectable } from '@nestjs/common';
import { LedgerService } from '@corridor/ledger';

const TTL_MS = 60_000;
const UNKNOWN_KEY_REFRESH_MS = 5_000;

/** The ledger's published signing keys (key id -> raw public key hex), as an offline verifier would hold them. */
@Injectable()
export class LedgerKeys {
  private keys: Record<string, string> = {};
  private loadedAt = 0;

  constructor(private readonly ledger: LedgerService) {}

  /** The published keys, reloaded when stale or when a key id is not among them (a new ledger key). */
  async get(needed: Iterable<string> = []): Promise<Record<string, string>> {
    const now = Date.now();
    const unknown = [...needed].some((keyId) => !Object.hasOwn(this.keys, keyId));
    if (now - this.loadedAt > TTL_MS || (unknown && now - this.loadedAt > UNKNOWN_KEY_REFRESH_MS)) {
      const keys: Record<string, string> = {};
      for (const key of await this.ledger.keys()) keys[key.keyId] = key.publicKey;
      this.keys = keys;
      this.loadedAt = now;
    }
    return this.keys;
  }
}
