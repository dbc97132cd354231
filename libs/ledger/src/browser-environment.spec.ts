// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  appendLeafHashes,
  canonicalJsonBytes,
  EMPTY_FRONTIER,
  frontierRoot,
  generateSigningKeyPair,
  hashLeaf,
  inclusionProofToJson,
  assembleInclusionProof,
  nodesNeededForInclusion,
  createInMemoryNodeStore,
  signTreeHead,
  toNodeHashMap,
  verifyInclusionAgainstSth,
} from './index';

describe('in a browser-like (jsdom) environment', () => {
  it('verifies a JSON inclusion proof against a JSON signed tree head, entries built with TextEncoder', () => {
    expect(typeof window).toBe('object');
    const records = Array.from({ length: 6 }, (_, i) => ({ declaration: `D-${i}`, lane: i % 2 ? 'green' : 'red' }));
    const store = createInMemoryNodeStore();
    const { frontier, newNodes } = appendLeafHashes(EMPTY_FRONTIER, records.map((record) => hashLeaf(canonicalJsonBytes(record))));
    store.putNodes(newNodes);
    const keys = generateSigningKeyPair();
    const sth = signTreeHead({ treeSize: 6, rootHash: frontierRoot(frontier), timestamp: 1_700_000_000_000 }, keys.privateKeyPem);
    const nodes = nodesNeededForInclusion(4, 6);
    const proof = inclusionProofToJson(assembleInclusionProof(4, 6, toNodeHashMap(nodes, store.getNodes(nodes))));

    // What a browser client receives: plain JSON, plus the entry it re-encodes itself.
    const wire = JSON.parse(JSON.stringify({ proof, sth, publicKey: keys.publicKey }));
    const entry = new TextEncoder().encode('{"declaration":"D-4","lane":"red"}');
    expect(verifyInclusionAgainstSth(wire.proof, { entry }, wire.sth, wire.publicKey)).toEqual({ ok: true });
  });
});
