import { describe, expect, it } from 'vitest';
import { rocAuc } from '../evaluate/metrics';
import { Rng } from '../shared/rng';
import { binData, computeBinEdges, DEFAULT_GBDT_OPTIONS, Gbdt, trainGbdt } from './gbdt';

/** y depends on an interaction of x0 and x1 (XOR of signs), x2 is noise, x1 is sometimes missing. */
function data(n: number, seed: number): { x: Float32Array; y: Uint8Array } {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    x[i * 3] = a;
    x[i * 3 + 1] = rng.chance(0.1) ? NaN : b;
    x[i * 3 + 2] = rng.normal();
    const p = a > 0 !== b > 0 ? 0.7 : 0.05;
    y[i] = rng.chance(p) ? 1 : 0;
  }
  return { x, y };
}

function fit(seed: number): { model: Gbdt; rounds: number } {
  const { x, y } = data(6000, seed);
  const edges = computeBinEdges(x, 6000, 3, 64);
  const binned = binData(x, 6000, 3, edges);
  const train = Int32Array.from({ length: 5000 }, (_, i) => i);
  const valid = Int32Array.from({ length: 1000 }, (_, i) => 5000 + i);
  const { model, rounds } = trainGbdt(binned, y, train, valid, { ...DEFAULT_GBDT_OPTIONS, minDataInLeaf: 20, seed: 5 });
  return { model, rounds };
}

describe('gradient-boosted trees', () => {
  it('learns an interaction no single feature shows, with missing values', () => {
    const { model, rounds } = fit(1);
    const test = data(3000, 2);
    const scores = Array.from({ length: 3000 }, (_, i) => model.predictRaw(test.x, i * 3));
    expect(rocAuc(scores, test.y)).toBeGreaterThan(0.8);
    expect(rounds).toBeGreaterThan(5);
  });

  it('scores a block of rows exactly as one row at a time', () => {
    const { model } = fit(1);
    const test = data(300, 4);
    const block = new Float64Array(300);
    model.predictBlock(test.x, 300, block);
    for (let i = 0; i < 300; i++) expect(block[i]).toBeCloseTo(model.predictRaw(test.x, i * 3), 12);
  });

  it('gives the same trees for the same seed and survives JSON', () => {
    const a = fit(1).model;
    const b = fit(1).model;
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const copy = Gbdt.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const probe = new Float32Array([0.5, NaN, -1]);
    expect(copy.predictRaw(probe)).toBe(a.predictRaw(probe));
  });
});
