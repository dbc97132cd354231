import { Injectable } from '@nestjs/common';
import { bytesToHex, canonicalJson, LedgerService, sha256, type AppendedEntry } from '@corridor/ledger';
import type { EntityManager } from 'typeorm';
import type { DeclarationData } from './model/declaration';
import type { LedgerReceipt } from './model/views';
import { ledgerEntry } from './persistence/declaration.repository';

export interface Notarised {
  body: string;
  hash: string;
  ledger: LedgerReceipt;
}

/**
 * Canonicalises a version (RFC 8785), hashes it and appends the hash to the ledger; `store`
 * writes the version in the same transaction as the ledger entry, so a stored version always
 * has its entry, and concurrent lodgements share one commit.
 */
@Injectable()
export class Notary {
  constructor(private readonly ledger: LedgerService) {}

  async notarise<T>(declarationId: string, version: number, data: DeclarationData, store: (manager: EntityManager, notarised: Notarised) => Promise<T>): Promise<T> {
    const body = canonicalJson(data);
    const hash = bytesToHex(sha256(new TextEncoder().encode(body)));
    const entry = ledgerEntry(declarationId, version, hash);
    let stored: T | undefined;
    await this.ledger.appendJson(entry, async (manager, appended: AppendedEntry) => {
      stored = await store(manager, { body, hash, ledger: { index: appended.index, leafHash: appended.leafHash, treeSize: appended.treeHead.treeSize, entry } });
    });
    return stored as T;
  }
}
