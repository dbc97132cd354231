import { Rng } from '../shared/rng';

/**
 * Histogram-based gradient-boosted decision trees for a binary label (log loss), written for
 * speed in plain TypeScript: features are binned once into bytes (bin 0 = missing), each tree
 * grows leaf-wise from per-leaf gradient histograms (the larger child's histogram is the parent's
 * minus the smaller child's), rows and features are subsampled per tree, and training stops
 * early when the validation loss stops improving.
 */
export interface GbdtOptions {
  readonly learningRate: number;
  readonly maxRounds: number;
  readonly numLeaves: number;
  readonly maxDepth: number;
  readonly minDataInLeaf: number;
  readonly minHessianInLeaf: number;
  /** L2 regularisation of leaf values. */
  readonly lambda: number;
  /** Share of minority-class rows each tree sees. */
  readonly subsample: number;
  /**
   * Majority-class rows each tree sees per minority row (at least minMajorityShare of them);
   * sampled rows are reweighted, so the fit stays unbiased while rare-label data trains fast.
   */
  readonly majorityRatio: number;
  readonly minMajorityShare: number;
  /** Share of features each tree may split on. */
  readonly colsample: number;
  /** Stop after this many rounds without a better validation loss. */
  readonly earlyStoppingRounds: number;
  readonly maxBins: number;
  readonly seed: number;
}

export const DEFAULT_GBDT_OPTIONS: GbdtOptions = {
  learningRate: 0.1,
  maxRounds: 400,
  numLeaves: 24,
  maxDepth: 6,
  minDataInLeaf: 40,
  minHessianInLeaf: 1e-3,
  lambda: 2,
  subsample: 0.8,
  majorityRatio: 4,
  minMajorityShare: 0.25,
  colsample: 0.6,
  earlyStoppingRounds: 30,
  maxBins: 128,
  seed: 1,
};

/** One tree: internal nodes 0..m-1; a child c >= 0 is a node, c < 0 is leaf -c-1. */
export interface TreeJSON {
  readonly feature: number[];
  readonly threshold: number[];
  readonly missingLeft: number[];
  readonly left: number[];
  readonly right: number[];
  readonly leaf: number[];
}

export interface GbdtJSON {
  readonly baseScore: number;
  readonly featureCount: number;
  readonly trees: TreeJSON[];
}

/** Features binned into bytes, row-major: bins[r * featureCount + f]; bin 0 means missing. */
export interface BinnedData {
  readonly rows: number;
  readonly featureCount: number;
  readonly bins: Uint8Array;
  /** Upper edges per feature: bin b (>= 1) holds values <= edges[b - 1] (the last bin: the rest). */
  readonly edges: readonly Float32Array[];
}

/** Bin edges per feature from the training matrix (row-major, NaN = missing). */
export function computeBinEdges(x: Float32Array, rows: number, featureCount: number, maxBins: number, sampleRows = 50_000): Float32Array[] {
  const edges: Float32Array[] = [];
  const step = Math.max(1, rows / sampleRows);
  const column = new Float32Array(Math.ceil(rows / step) + 1);
  for (let f = 0; f < featureCount; f++) {
    let m = 0;
    for (let t = 0; t < rows; t += step) {
      const v = x[Math.floor(t) * featureCount + f];
      if (v === v) column[m++] = v;
    }
    const sorted = column.subarray(0, m).sort();
    const distinct: number[] = [];
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    const limit = maxBins - 1;
    if (distinct.length <= limit) {
      edges.push(Float32Array.from(distinct.slice(0, Math.max(0, distinct.length - 1))));
      continue;
    }
    const cuts: number[] = [];
    for (let i = 1; i < limit; i++) {
      const v = sorted[Math.min(m - 1, Math.floor((i * m) / limit))];
      if (cuts.length === 0 || v > cuts[cuts.length - 1]) cuts.push(v);
    }
    if (cuts.length > 0 && cuts[cuts.length - 1] >= distinct[distinct.length - 1]) cuts.pop();
    edges.push(Float32Array.from(cuts));
  }
  return edges;
}

export function binData(x: Float32Array, rows: number, featureCount: number, edges: readonly Float32Array[]): BinnedData {
  const bins = new Uint8Array(rows * featureCount);
  for (let f = 0; f < featureCount; f++) {
    const e = edges[f];
    const m = e.length;
    for (let r = 0; r < rows; r++) {
      const i = r * featureCount + f;
      const v = x[i];
      if (v !== v) continue;
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      bins[i] = lo + 1;
    }
  }
  return { rows, featureCount, bins, edges };
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

interface Leaf {
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: Split | null;
  /** Where this leaf hangs in the tree: parent node and side, or -1 for the root. */
  parent: number;
  side: 0 | 1;
}

const NB = 256;

export class Gbdt {
  // All trees flattened for fast prediction: node i of the forest has meta[4i] = feature + 1
  // (negated when missing values go left), meta[4i+1] / meta[4i+2] = left / right child (c >= 0
  // a node, c < 0 the leaf -c-1 of leafValue) and threshold[i]. roots[t] < 0: a one-leaf tree.
  private readonly roots: Int32Array;
  private readonly meta: Int32Array;
  private readonly threshold: Float32Array;
  private readonly leafValue: Float64Array;

  constructor(
    readonly baseScore: number,
    readonly featureCount: number,
    readonly trees: TreeJSON[],
  ) {
    let nodes = 0;
    let leaves = 0;
    for (const t of trees) {
      nodes += t.feature.length;
      leaves += t.leaf.length;
    }
    this.roots = new Int32Array(trees.length);
    this.meta = new Int32Array(nodes * 4);
    this.threshold = new Float32Array(nodes);
    this.leafValue = new Float64Array(leaves);
    let n0 = 0;
    let l0 = 0;
    const child = (c: number): number => (c >= 0 ? c + n0 : -(-c - 1 + l0) - 1);
    trees.forEach((t, ti) => {
      this.roots[ti] = t.feature.length === 0 ? -l0 - 1 : n0;
      for (let i = 0; i < t.feature.length; i++) {
        const m = (n0 + i) * 4;
        this.meta[m] = t.missingLeft[i] === 1 ? -(t.feature[i] + 1) : t.feature[i] + 1;
        this.meta[m + 1] = child(t.left[i]);
        this.meta[m + 2] = child(t.right[i]);
        this.threshold[n0 + i] = t.threshold[i];
      }
      for (let i = 0; i < t.leaf.length; i++) this.leafValue[l0 + i] = t.leaf[i];
      n0 += t.feature.length;
      l0 += t.leaf.length;
    });
  }

  /** Raw score (log-odds) of one row of raw feature values. */
  predictRaw(x: ArrayLike<number>, offset = 0): number {
    let s = this.baseScore;
    const roots = this.roots;
    for (let t = 0; t < roots.length; t++) s += this.leafValue[-this.leafOf(roots[t], x, offset) - 1];
    return s;
  }

  private leafOf(root: number, x: ArrayLike<number>, offset: number): number {
    const meta = this.meta;
    const threshold = this.threshold;
    let node = root;
    while (node >= 0) {
      const m = node * 4;
      const code = meta[m];
      const v = x[offset + (code < 0 ? -code : code) - 1];
      node = v !== v ? (code < 0 ? meta[m + 1] : meta[m + 2]) : v <= threshold[node] ? meta[m + 1] : meta[m + 2];
    }
    return node;
  }

  /**
   * Raw scores of `rows` consecutive rows of a row-major block (stride featureCount), tree by
   * tree: the nodes of one tree stay in cache across the rows.
   */
  predictBlock(x: Float32Array, rows: number, out: Float64Array): void {
    const F = this.featureCount;
    out.fill(this.baseScore, 0, rows);
    const roots = this.roots;
    const meta = this.meta;
    const threshold = this.threshold;
    const leafValue = this.leafValue;
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t];
      for (let r = 0; r < rows; r++) {
        const base = r * F - 1;
        let node = root;
        while (node >= 0) {
          const m = node * 4;
          const code = meta[m];
          const v = x[base + (code < 0 ? -code : code)];
          node = v !== v ? (code < 0 ? meta[m + 1] : meta[m + 2]) : v <= threshold[node] ? meta[m + 1] : meta[m + 2];
        }
        out[r] += leafValue[-node - 1];
      }
    }
  }

  toJSON(): GbdtJSON {
    return { baseScore: this.baseScore, featureCount: this.featureCount, trees: this.trees };
  }

  static fromJSON(json: GbdtJSON): Gbdt {
    return new Gbdt(json.baseScore, json.featureCount, json.trees);
  }
}

export interface TrainResult {
  readonly model: Gbdt;
  /** Rounds kept (the best validation round, or all rounds without validation). */
  readonly rounds: number;
  readonly validationLoss: number[];
}

/**
 * Trains on the rows listed in `train` (indices into data); when `valid` is non-empty, stops
 * early on its log loss and keeps the best number of rounds.
 */
export function trainGbdt(
  data: BinnedData,
  labels: Uint8Array,
  train: Int32Array,
  valid: Int32Array,
  options: GbdtOptions,
  onRound?: (round: number, total: number) => void,
): TrainResult {
  const F = data.featureCount;
  const bins = data.bins;
  const edges = data.edges;
  const nTrain = train.length;
  const rng = new Rng(options.seed);
  const lambda = options.lambda;

  let pos = 0;
  for (let i = 0; i < nTrain; i++) pos += labels[train[i]];
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, nTrain)));
  const baseScore = Math.log(rate / (1 - rate));

  const score = new Float64Array(nTrain).fill(baseScore);
  const validScore = new Float64Array(valid.length).fill(baseScore);
  const grad = new Float64Array(data.rows);
  const hess = new Float64Array(data.rows);
  // Per-class sampling rates and weights (the minority class is kept at `subsample`).
  const minority = pos * 2 <= nTrain ? 1 : 0;
  const minorityCount = minority === 1 ? pos : nTrain - pos;
  const majorityCount = nTrain - minorityCount;
  const minorityRate = Math.min(1, options.subsample);
  const majorityRate = majorityCount === 0 ? 1 : Math.min(minorityRate, Math.max(options.minMajorityShare, (options.majorityRatio * minorityCount) / majorityCount));
  // xorshift32 for the per-row sampling draws (millions per training run).
  let state = (options.seed * 2654435761) >>> 0 || 1;
  const majorityCut = Math.floor(majorityRate * 4294967296);
  const minorityCut = Math.floor(minorityRate * 4294967296);
  const order = new Int32Array(nTrain);
  const scratch = new Int32Array(nTrain);
  const nBins = new Int32Array(F);
  for (let f = 0; f < F; f++) nBins[f] = edges[f].length + 1;

  const histPool: Float64Array[] = [];
  const takeHist = (): Float64Array => histPool.pop() ?? new Float64Array(F * NB * 3);

  const trees: TreeJSON[] = [];
  const validLoss: number[] = [];
  let bestLoss = Infinity;
  let bestRound = 0;
  const active: number[] = [];

  const buildHist = (hist: Float64Array, start: number, end: number): void => {
    for (let a = 0; a < active.length; a++) hist.fill(0, active[a] * NB * 3, (active[a] + 1) * NB * 3);
    const nf = active.length;
    const act = active;
    for (let i = start; i < end; i++) {
      const r = order[i];
      const g = grad[r];
      const h = hess[r];
      const base = r * F;
      for (let a = 0; a < nf; a++) {
        const f = act[a];
        const o = (f * NB + bins[base + f]) * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
      }
    }
  };

  const findSplit = (leaf: Leaf): void => {
    leaf.split = null;
    if (leaf.depth >= options.maxDepth) return;
    const count = leaf.end - leaf.start;
    if (count < 2 * options.minDataInLeaf) return;
    const hist = leaf.hist;
    const G = leaf.g;
    const H = leaf.h;
    const parentGain = (G * G) / (H + lambda);
    let best: Split | null = null;
    const minData = options.minDataInLeaf;
    const minHess = options.minHessianInLeaf;
    for (let a = 0; a < active.length; a++) {
      const f = active[a];
      const o0 = f * NB * 3;
      const gm = hist[o0];
      const hm = hist[o0 + 1];
      const cm = hist[o0 + 2];
      const nb = nBins[f];
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 1; b < nb; b++) {
        const o = o0 + b * 3;
        gl += hist[o];
        hl += hist[o + 1];
        cl += hist[o + 2];
        // Missing values to the right.
        let cr = count - cl;
        if (cl >= minData && cr >= minData) {
          const hr = H - hl;
          if (hl >= minHess && hr >= minHess) {
            const gr = G - gl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentGain;
            if (best === null || gain > best.gain) best = { gain, feature: f, bin: b, missingLeft: cm > 0 ? false : cl >= cr };
          }
        }
        if (cm > 0) {
          // Missing values to the left.
          const cl2 = cl + cm;
          cr = count - cl2;
          if (cl2 >= minData && cr >= minData) {
            const hl2 = hl + hm;
            const hr = H - hl2;
            if (hl2 >= minHess && hr >= minHess) {
              const gl2 = gl + gm;
              const gr = G - gl2;
              const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentGain;
              if (best === null || gain > best.gain) best = { gain, feature: f, bin: b, missingLeft: true };
            }
          }
        }
      }
    }
    if (best !== null && best.gain > 1e-9) leaf.split = best;
  };

  const featureOrder = Array.from({ length: F }, (_, i) => i);
  for (let round = 0; round < options.maxRounds; round++) {
    let m = 0;
    let x = state;
    for (let i = 0; i < nTrain; i++) {
      const r = train[i];
      const isMinority = labels[r] === minority;
      const rate = isMinority ? minorityRate : majorityRate;
      if (rate < 1) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        if (x >>> 0 >= (isMinority ? minorityCut : majorityCut)) continue;
      }
      const p = 1 / (1 + Math.exp(-score[i]));
      grad[r] = (p - labels[r]) / rate;
      hess[r] = Math.max(1e-6, p * (1 - p)) / rate;
      order[m++] = r;
    }
    state = x;
    active.length = 0;
    rng.shuffle(featureOrder);
    // At most 64 features per tree keeps wide data fast (a random-forest-like draw).
    const take = Math.max(1, Math.min(Math.round(F * options.colsample), Math.max(64, Math.round(F * 0.3))));
    for (let i = 0; i < take; i++) active.push(featureOrder[i]);
    active.sort((a, b) => a - b);

    // Grow one tree leaf-wise.
    const tree: { feature: number[]; threshold: number[]; missingLeft: number[]; left: number[]; right: number[]; leaf: number[] } = {
      feature: [], threshold: [], missingLeft: [], left: [], right: [], leaf: [],
    };
    const binThreshold: number[] = [];
    const rootHist = takeHist();
    buildHist(rootHist, 0, m);
    let G = 0;
    let H = 0;
    for (let i = 0; i < m; i++) {
      G += grad[order[i]];
      H += hess[order[i]];
    }
    const leaves: Leaf[] = [{ start: 0, end: m, depth: 0, hist: rootHist, g: G, h: H, split: null, parent: -1, side: 0 }];
    findSplit(leaves[0]);
    while (leaves.length < options.numLeaves) {
      let bi = -1;
      for (let i = 0; i < leaves.length; i++) {
        const s = leaves[i].split;
        if (s !== null && (bi < 0 || s.gain > (leaves[bi].split as Split).gain)) bi = i;
      }
      if (bi < 0) break;
      const leaf = leaves[bi];
      const split = leaf.split as Split;
      const f = split.feature;
      const t = split.bin;
      // Partition rows: left first.
      let w = leaf.start;
      let s2 = 0;
      let gl = 0;
      let hl = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const r = order[i];
        const b = bins[r * F + f];
        const goLeft = b === 0 ? split.missingLeft : b <= t;
        if (goLeft) {
          order[w++] = r;
          gl += grad[r];
          hl += hess[r];
        } else scratch[s2++] = r;
      }
      order.set(scratch.subarray(0, s2), w);
      const node = tree.feature.length;
      tree.feature.push(f);
      tree.threshold.push(t - 1 < edges[f].length ? edges[f][t - 1] : Infinity);
      tree.missingLeft.push(split.missingLeft ? 1 : 0);
      binThreshold.push(t);
      tree.left.push(-1);
      tree.right.push(-1);
      if (leaf.parent >= 0) (leaf.side === 0 ? tree.left : tree.right)[leaf.parent] = node;
      const left: Leaf = { start: leaf.start, end: w, depth: leaf.depth + 1, hist: leaf.hist, g: gl, h: hl, split: null, parent: node, side: 0 };
      const right: Leaf = { start: w, end: leaf.end, depth: leaf.depth + 1, hist: leaf.hist, g: leaf.g - gl, h: leaf.h - hl, split: null, parent: node, side: 1 };
      const small = left.end - left.start <= right.end - right.start ? left : right;
      const large = small === left ? right : left;
      const smallHist = takeHist();
      buildHist(smallHist, small.start, small.end);
      const parentHist = leaf.hist;
      for (let a = 0; a < active.length; a++) {
        const lo = active[a] * NB * 3;
        const hi = lo + nBins[active[a]] * 3;
        for (let o = lo; o < hi; o++) parentHist[o] -= smallHist[o];
      }
      small.hist = smallHist;
      large.hist = parentHist;
      findSplit(left);
      findSplit(right);
      leaves[bi] = left;
      leaves.push(right);
    }
    // Leaf values, and the leaf each in-bag row went to.
    for (let li = 0; li < leaves.length; li++) {
      const leaf = leaves[li];
      tree.leaf.push((-leaf.g / (leaf.h + lambda)) * options.learningRate);
      if (leaf.parent >= 0) (leaf.side === 0 ? tree.left : tree.right)[leaf.parent] = -li - 1;
      histPool.push(leaf.hist);
    }
    trees.push(tree);

    // Update scores of all training rows (in and out of bag) and of the validation rows.
    const predictBinned = (r: number): number => {
      let node = tree.feature.length === 0 ? -1 : 0;
      const base = r * F;
      while (node >= 0) {
        const b = bins[base + tree.feature[node]];
        const goLeft = b === 0 ? tree.missingLeft[node] === 1 : b <= binThreshold[node];
        node = goLeft ? tree.left[node] : tree.right[node];
      }
      return tree.leaf[-node - 1];
    };
    for (let i = 0; i < nTrain; i++) score[i] += predictBinned(train[i]);
    if (valid.length > 0) {
      let loss = 0;
      for (let i = 0; i < valid.length; i++) {
        const r = valid[i];
        validScore[i] += predictBinned(r);
        const p = 1 / (1 + Math.exp(-validScore[i]));
        loss -= labels[r] === 1 ? Math.log(Math.max(1e-12, p)) : Math.log(Math.max(1e-12, 1 - p));
      }
      loss /= valid.length;
      validLoss.push(loss);
      if (loss < bestLoss - 1e-7) {
        bestLoss = loss;
        bestRound = round + 1;
      } else if (round + 1 - bestRound >= options.earlyStoppingRounds) break;
    } else bestRound = round + 1;
    onRound?.(round + 1, options.maxRounds);
  }
  const kept = trees.slice(0, Math.max(1, bestRound));
  return { model: new Gbdt(baseScore, F, kept), rounds: kept.length, validationLoss: validLoss };
}
