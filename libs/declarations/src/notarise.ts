import { Injectable } from '@nestjs/common';
import { canonicalJson, LedgerService, sha256, bytesToHex } from '@corridor/ledger';
import type { DeclarationData } from './model/declaration';
import type { LedgerReceipt } from './model/views';
import { ledgerEntry } from './persistence/declaration.repository';

/** Canonicalises a version (RFC 8785), hashes it and appends the hash to the ledger. */
@Injectable()
export class Notary {
  constructor(private readonly ledger: LedgerService) {}

  async notarise(declarationId: string, version: number, data: DeclarationData): Promise<{ body: string; hash: string; ledger: LedgerReceipt }> {
    const body = canonicalJson(data);
    const hash = bytesToHex(sha256(new TextEncoder().encode(body)));
    const entry = ledgerEntry(declarationId, version, hash);
    const appended = await this.ledger.appendJson(entry);
    return { body, hash, ledger: { index: appended.index, leafHash: appended.leafHash, treeSize: appended.treeHead.treeSize, entry } };
  }
}
