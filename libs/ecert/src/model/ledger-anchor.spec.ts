import { appendLeafHashes, assembleInclusionProof, canonicalJsonBytes, EMPTY_FRONTIER, frontierRoot, generateSigningKeyPair, hashLeaf, inclusionProofToJson, nodesNeededForInclusion, signTreeHead, toNodeHashMap } from '@corridor/ledger';
import { describe, expect, it } from 'vitest';
import { certificateLedgerEntry, createLedgerAnchorCheck } from './ledger-anchor';

/** A three-entry log in memory; entry 1 is the certificate's. */
function anchored(issuedAt = '2026-01-01T00:00:00.000Z', timestamp = Date.parse('2026-01-01T00:00:01.000Z')) {
  const bundle = { certificateId: 'C-1', type: 'e-coo' as const, issuer: { agencyId: 'KE-A', keyId: '0123456789abcdef' }, issuedAt, digest: 'ab'.repeat(32) };
  const entries = [canonicalJsonBytes({ other: 0 }), canonicalJsonBytes(certificateLedgerEntry({ id: bundle.certificateId, type: bundle.type, issuer: bundle.issuer, issuedAt, digest: bundle.digest })), canonicalJsonBytes({ other: 2 })];
  const { frontier, newNodes } = appendLeafHashes(EMPTY_FRONTIER, entries.map(hashLeaf));
  const nodes = new Map(newNodes.map((n) => [`${n.level}:${n.index}`, n.hash]));
  const needed = nodesNeededForInclusion(1, 3);
  const proof = inclusionProofToJson(assembleInclusionProof(1, 3, toNodeHashMap(needed, needed.map((c) => nodes.get(`${c.level}:${c.index}`) as Uint8Array))));
  const keys = generateSigningKeyPair();
  const treeHead = signTreeHead({ treeSize: 3, timestamp, rootHash: frontierRoot(frontier) }, keys.privateKeyPem);
  const ledger = { entry: 'corridor.ecert.v1', leafIndex: 1, treeSize: 3, inclusionPath: proof.inclusionPath, treeHead };
  return { bundle: { ...bundle, proof: ledger }, ledger, ledgerKeys: { [keys.keyId]: keys.publicKey } };
}

describe('ledger anchoring of certificates', () => {
  it('verifies an inclusion proof offline against a published ledger key', () => {
    const { bundle, ledgerKeys } = anchored();
    expect(createLedgerAnchorCheck({ ledgerKeys })(bundle)).toMatchObject({ status: 'VALID' });
  });

  it('refuses a proof for another certificate, an altered path, an unknown key and a missing member', () => {
    const { bundle, ledger, ledgerKeys } = anchored();
    const check = createLedgerAnchorCheck({ ledgerKeys });
    expect(check({ ...bundle, certificateId: 'C-2' }).status).toBe('INVALID');
    expect(check({ ...bundle, digest: 'cd'.repeat(32) }).status).toBe('INVALID');
    expect(check({ ...bundle, proof: { ...ledger, inclusionPath: [...ledger.inclusionPath].reverse() } }).status).toBe('INVALID');
    expect(check({ ...bundle, proof: { ...ledger, treeHead: { ...ledger.treeHead, timestamp: ledger.treeHead.timestamp + 1 } } }).status).toBe('INVALID');
    expect(createLedgerAnchorCheck({ ledgerKeys: {} })(bundle).status).toBe('INVALID');
    expect(check({ ...bundle, proof: { ...ledger, extra: 1 } }).status).toBe('INVALID');
    expect(check({ ...bundle, proof: undefined }).status).toBe('SKIPPED');
    const hostile = new Proxy({}, { ownKeys() { throw new Error('no'); } });
    expect(check({ ...bundle, proof: hostile }).status).toBe('INVALID');
  });

  it('refuses anchors older than issuedAt, or newer than the revocation of the issuer key', () => {
    const forward = anchored('2026-01-01T01:00:00.000Z', Date.parse('2026-01-01T00:00:00.000Z'));
    expect(createLedgerAnchorCheck({ ledgerKeys: forward.ledgerKeys })(forward.bundle)).toMatchObject({ status: 'INVALID', reason: expect.stringContaining('forward-dated') });
    const { bundle, ledgerKeys } = anchored();
    const revokedBefore = createLedgerAnchorCheck({ ledgerKeys, issuerKey: () => ({ publicKey: 'x', validFrom: '2025-01-01T00:00:00Z', revokedAt: '2026-01-01T00:00:00.500Z' }) });
    expect(revokedBefore(bundle)).toMatchObject({ status: 'INVALID', reason: expect.stringContaining('revoked') });
    const revokedAfter = createLedgerAnchorCheck({ ledgerKeys, issuerKey: () => ({ publicKey: 'x', validFrom: '2025-01-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' }) });
    expect(revokedAfter(bundle).status).toBe('VALID');
  });
});
